package dev.jvmm.cpu.interp;

import dev.jvmm.core.cpu.ControlBits;

/**
 * CPUID: a small, consistent model of a 64-bit CPU, so guests see exactly what the interpreter
 * implements.
 *
 * <p>The vendor and signature are QEMU's default {@code qemu64} CPU's (AuthenticAMD, family 15 model
 * 107 stepping 1), so Linux takes the code paths it takes under QEMU TCG, the peer jvmm is compared with.
 * A vendor Linux does not know ("jvmmJVMMjvmm" until now) makes it warn "Your system may be unstable"
 * and assume every CPU vulnerability: page-table isolation (a CR3 switch on every kernel entry and exit)
 * and VERW on every return to user mode. An Intel signature avoids them only with an
 * IA32_ARCH_CAPABILITIES MSR and brings Intel's model-specific MSRs; AMD's are read with the safe
 * accessors. ECX bit 31 says "running under a hypervisor", as under QEMU: Linux then skips its
 * microcode loader.
 * <ul>
 *   <li>0: max basic leaf 0xD, vendor "AuthenticAMD";</li>
 *   <li>1: family 0xF model 0x6B stepping 1 signature; EDX: FPU PSE TSC MSR PAE CX8 SEP PGE CMOV PAT
 *       CLFSH MMX FXSR SSE SSE2, and APIC while the local APIC is globally enabled; ECX: SSE3 SSSE3 CX16 SSE4.1 SSE4.2 POPCNT,
 *       XSAVE, OSXSAVE (CR4.OSXSAVE), x2APIC and TSC-deadline with a local APIC, hypervisor; EBX[31:24]: the initial APIC ID;</li>
 *   <li>7 (subleaf 0): EBX SMAP (CR4.SMAP, STAC/CLAC); other subleaves zero;</li>
 *   <li>2-6, 8-0xA, 0xC: zeros (no cache descriptors);</li>
 *   <li>0xB: extended topology, one logical processor per core and per package, EDX the x2APIC ID;</li>
 *   <li>0xD: XSAVE, sub-leaf in ECX: 0 supported XCR0 x87|SSE and the area sizes (576 bytes), 1 XSAVEOPT,
 *       others zero (no further components);</li>
 *   <li>0x80000000: max extended leaf 0x80000008; 0x80000001: LAHF/SAHF in 64-bit mode, SYSCALL,
 *       NX, RDTSCP (with IA32_TSC_AUX), LM; 0x80000002-4: the brand string; 0x80000007: invariant TSC (it counts clock nanoseconds,
 *       see {@code Cpu.tsc}); 0x80000008: 40 physical and 48 linear address bits;</li>
 *   <li>any other leaf: all zeros.</li>
 * </ul>
 */
final class Cpuid {
    private Cpuid() {}

    private static int str(String s) {
        return s.charAt(0) | s.charAt(1) << 8 | s.charAt(2) << 16 | s.charAt(3) << 24;
    }

    private static final String BRAND = "jvmm virtual x86-64 CPU (interpreter)";

    private static int brand(int at) {
        int v = 0;
        for (int k = 0; k < 4; k++) v |= (at + k < BRAND.length() ? BRAND.charAt(at + k) & 0xFF : 0) << (8 * k);
        return v;
    }

    static void execute(Cpu c) {
        int leaf = (int) c.gpr[0];
        int a = 0, b = 0, cx = 0, d = 0;
        switch (leaf) {
            case 0 -> {
                a = 0xD;
                b = str("Auth");
                d = str("enti");
                cx = str("cAMD");
            }
            case 1 -> {
                a = 0x0006_0FB1; // family 0xF, model 0x6B (extended model 6, model 0xB), stepping 1
                b = 8 << 8; // CLFLUSH line size 64 bytes
                // EDX: PSE(3) TSC(4) MSR(5) PAE(6) CX8(8) APIC(9) SEP(11) PGE(13) CMOV(15) PAT(16) CLFSH(19)
                d = (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 8) | (1 << 11) | (1 << 13) | (1 << 15) | (1 << 16)
                        | (1 << 19);
                d |= 1 | (1 << 23) | (1 << 24) | (1 << 25) | (1 << 26); // FPU, MMX, FXSR, SSE, SSE2
                cx = (1 << 13) | (1 << 19) | (1 << 20) | (1 << 23) | (1 << 9) | 1; // CX16, SSE4.1, SSE4.2, POPCNT, SSSE3, SSE3
                cx |= 1 << 26; // XSAVE
                if ((c.cr4 & ControlBits.CR4_OSXSAVE) != 0) cx |= 1 << 27; // OSXSAVE
                cx |= 1 << 31; // hypervisor present
                c.controllerAccesses++;
                int[] apic = c.interrupts.cpuidLeaf1(b, cx, d); // APIC, x2APIC, TSC-deadline, APIC ID
                b = apic[0];
                cx = apic[1];
                d = apic[2];
            }
            case 7 -> { // structured extended features: EAX = 0, the highest subleaf
                if ((int) c.gpr[1] == 0) b = 1 << 20; // SMAP
            }
            case 0xB -> { // extended topology: one thread per core, one core per package
                int level = (int) c.gpr[1] & 0xFF;
                c.controllerAccesses++;
                int x2apicId = c.interrupts.initialApicId();
                if (level == 0) {
                    a = 0; // no bits to shift: one logical processor per core
                    b = 1;
                    cx = 1 << 8; // level type 1: SMT
                } else if (level == 1) {
                    a = 0;
                    b = 1;
                    cx = (2 << 8) | 1; // level type 2: core
                } else {
                    cx = level; // invalid level: EAX = EBX = 0, ECX[7:0] = the level
                }
                d = x2apicId;
            }
            case 0xD -> {
                int sub = (int) c.gpr[1];
                if (sub == 0) {
                    a = (int) Xsave.SUPPORTED_XCR0;
                    b = Xsave.AREA_SIZE; // for the components XCR0 enables: both live below 576
                    cx = Xsave.AREA_SIZE;
                } else if (sub == 1) {
                    a = Xsave.LEAF_D_1_EAX;
                }
            }
            case 0x8000_0000 -> a = 0x8000_0008;
            case 0x8000_0001 -> {
                cx = 1; // LAHF/SAHF in 64-bit mode
                d = (1 << 11) | (1 << 20) | (1 << 27) | (1 << 29); // SYSCALL, NX, RDTSCP, LM
            }
            case 0x8000_0002, 0x8000_0003, 0x8000_0004 -> { // brand string, 16 bytes per leaf
                int at = (leaf - 0x8000_0002) * 16;
                a = brand(at);
                b = brand(at + 4);
                cx = brand(at + 8);
                d = brand(at + 12);
            }
            case 0x8000_0007 -> d = 1 << 8; // invariant TSC
            case 0x8000_0008 -> a = 0x3028; // 40 physical, 48 linear address bits
            default -> {}
        }
        c.gpr[0] = a & 0xFFFF_FFFFL;
        c.gpr[3] = b & 0xFFFF_FFFFL;
        c.gpr[1] = cx & 0xFFFF_FFFFL;
        c.gpr[2] = d & 0xFFFF_FFFFL;
    }
}
