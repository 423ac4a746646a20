package dev.jvmm.cpu.interp;

/**
 * VMCALL (Intel) and VMMCALL (AMD) as a guest of KVM sees them: jvmm answers KVM's hypercall ABI
 * (Linux Documentation/virt/kvm/x86/hypercalls.rst) instead of raising #UD, so software written for
 * KVM guests runs. The number is in RAX, arguments in RBX, RCX, RDX, RSI (32 bits each outside
 * 64-bit mode), the result in RAX; at CPL above 0 the result is -KVM_EPERM.
 *
 * <ul>
 *   <li>KVM_HC_SEND_IPI (10): RBX and RCX are bitmaps of destination APIC IDs starting at RDX and at
 *       RDX + 64 (+ 32 outside 64-bit mode), RSI the ICR low word (vector, delivery mode); returns how
 *       many APICs took the IPI (none when RDX is above every APIC ID).</li>
 *   <li>anything else: -KVM_ENOSYS.</li>
 * </ul>
 * CPUID does not advertise KVM's signature leaf, so guests that look for KVM (Linux) never call these.
 */
final class Hypercalls {
    static final int KVM_HC_SEND_IPI = 10;
    static final long KVM_ENOSYS = 1000, KVM_EPERM = 1;

    private Hypercalls() {}

    static void execute(Interpreter in) {
        Cpu c = in.c;
        boolean wide = c.mode == 64;
        long mask = wide ? -1L : 0xFFFF_FFFFL;
        long nr = c.gpr[0] & mask;
        long result;
        if (c.cpl != 0) result = -KVM_EPERM;
        else if (nr == KVM_HC_SEND_IPI) {
            result = sendIpis(c, c.gpr[3] & mask, c.gpr[1] & mask, c.gpr[2] & mask, (int) c.gpr[6], wide ? 64 : 32);
        } else result = -KVM_ENOSYS;
        c.gpr[0] = result & mask;
    }

    private static long sendIpis(Cpu c, long low, long high, long min, int icr, int clusterSize) {
        long count = 0;
        for (int half = 0; half < 2; half++) {
            long bitmap = half == 0 ? low : high;
            long first = min + (long) half * clusterSize;
            for (int bit = 0; bit < clusterSize; bit++) {
                if ((bitmap >>> bit & 1) == 0) continue;
                long id = first + bit;
                if (id > 0xFFFF_FFFFL) break; // past every possible APIC ID
                c.controllerAccesses++;
                if (c.interrupts.sendIpiToApicId((int) id, icr)) count++;
            }
        }
        return count;
    }
}
