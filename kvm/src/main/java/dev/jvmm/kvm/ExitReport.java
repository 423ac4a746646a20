package dev.jvmm.kvm;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.kvm.sys.KvmApi;
import dev.jvmm.core.memory.GuestMemory;
import java.util.function.LongUnaryOperator;

/**
 * The readable report for an exit the VMM cannot continue from (KVM_EXIT_INTERNAL_ERROR,
 * KVM_EXIT_FAIL_ENTRY, or an exit reason jvmm does not handle): what KVM said, the instruction
 * bytes at CS:RIP read from guest memory, and the registers.
 */
final class ExitReport {
    private ExitReport() {}

    /**
     * @param translate guest linear address to guest physical address through the guest's page
     *                  tables (KVM_TRANSLATE), or -1 if it does not map
     */
    static String build(KvmRun run, CpuState cpu, GuestMemory memory, LongUnaryOperator translate, String host) {
        StringBuilder sb = new StringBuilder();
        int reason = run.exitReason();
        sb.append("KVM exit ").append(KvmApi.exitName(reason)).append(" (").append(reason).append(")");
        switch (reason) {
            case KvmApi.KVM_EXIT_INTERNAL_ERROR -> {
                int sub = run.internalSuberror();
                sb.append(": ").append(KvmApi.internalErrorName(sub)).append('\n');
                if (sub == KvmApi.KVM_INTERNAL_ERROR_EMULATION
                        && (run.emulationFlags() & KvmApi.KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES) != 0) {
                    sb.append("instruction bytes (from KVM): ").append(hex(run.emulationInstructionBytes())).append('\n');
                } else if (run.internalDataCount() > 0) {
                    sb.append("data:");
                    for (int i = 0; i < run.internalDataCount(); i++) sb.append(String.format(" %x", run.internalData(i)));
                    sb.append('\n');
                }
            }
            case KvmApi.KVM_EXIT_FAIL_ENTRY -> sb.append(String.format(
                    ": VM entry failed, hardware reason 0x%x on cpu %d%n", run.failEntryReason(), run.failEntryCpu()));
            case KvmApi.KVM_EXIT_UNKNOWN -> sb.append(String.format(
                    ": hardware exit reason 0x%x%n", run.hardwareExitReason()));
            default -> sb.append(": jvmm does not handle this exit\n");
        }
        long linear = cpu.cs().base() + (cpu.codeBits() == 64 ? cpu.rip : cpu.rip & 0xFFFF_FFFFL);
        sb.append(String.format("code at cs:rip %04x:%x (linear 0x%x): %s%n",
                cpu.cs().selector(), cpu.rip, linear, codeBytes(linear, memory, translate)));
        sb.append("host: ").append(host).append('\n');
        sb.append(cpu);
        return sb.toString();
    }

    private static String codeBytes(long linear, GuestMemory memory, LongUnaryOperator translate) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            long pa = translate.applyAsLong(linear + i);
            if (pa < 0 || !memory.isRam(pa, 1)) {
                sb.append(i == 0 ? "(not in guest RAM)" : "..");
                break;
            }
            sb.append(String.format("%02x ", memory.read8(pa)));
        }
        return sb.toString().trim();
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) sb.append(String.format("%02x ", b & 0xFF));
        return sb.toString().trim();
    }
}
