package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.kvm.sys.KvmApi;
import dev.jvmm.kvm.sys.KvmRunLayout;
import dev.jvmm.core.memory.GuestMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The report for exits jvmm cannot continue from, built from a fake kvm_run (no /dev/kvm needed). */
class ExitReportTest {
    @Test
    void internalErrorNamesTheSuberrorAndShowsCodeAndRegisters() {
        try (Arena arena = Arena.ofConfined(); GuestMemory memory = GuestMemory.create(2 << 20)) {
            MemorySegment page = arena.allocate(4096, 8);
            page.set(ValueLayout.JAVA_INT, KvmRunLayout.EXIT_REASON, KvmApi.KVM_EXIT_INTERNAL_ERROR);
            page.set(ValueLayout.JAVA_INT, KvmRunLayout.INTERNAL_SUBERROR, KvmApi.KVM_INTERNAL_ERROR_EMULATION);
            page.set(ValueLayout.JAVA_INT, KvmRunLayout.INTERNAL_NDATA, 2);
            memory.write8(0x7C05, 0xCF);
            memory.write8(0x7C06, 0x90);
            CpuState cpu = CpuState.realMode(0x07C0, 0x0005);
            String report = ExitReport.build(new KvmRun(page), cpu, memory, linear -> linear, "test host");
            assertTrue(report.contains("INTERNAL_ERROR (17): emulation failure"), report);
            assertTrue(report.contains("code at cs:rip 07c0:5 (linear 0x7c05): cf 90 00"), report);
            assertTrue(report.contains("host: test host"), report);
            assertTrue(report.contains("rip=0000000000000005"), report);
        }
    }

    @Test
    void failedEntryAndUnmappedCodeAreSaidPlainly() {
        try (Arena arena = Arena.ofConfined(); GuestMemory memory = GuestMemory.create(2 << 20)) {
            MemorySegment page = arena.allocate(4096, 8);
            page.set(ValueLayout.JAVA_INT, KvmRunLayout.EXIT_REASON, KvmApi.KVM_EXIT_FAIL_ENTRY);
            page.set(ValueLayout.JAVA_LONG, KvmRunLayout.FAIL_ENTRY_REASON, 0x80000021L);
            String report = ExitReport.build(new KvmRun(page), CpuState.afterReset(), memory, linear -> -1, "h");
            assertTrue(report.contains("VM entry failed, hardware reason 0x80000021"), report);
            assertTrue(report.contains("(not in guest RAM)"), report);
        }
    }
}
