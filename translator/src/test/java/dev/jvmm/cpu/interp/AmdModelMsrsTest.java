package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.CpuException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The AMD K8 MSRs Linux reads on the family 0xF CPU that CPUID describes. */
class AmdModelMsrsTest {
    private final GuestMemory mem = GuestMemory.create(2L << 20);
    private final Cpu cpu = new Cpu(mem);

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void interruptPendingMessageSaysC1eIsOffAndIsReadOnly() {
        // Linux 6.1 boot without it: "unchecked MSR access error: RDMSR from 0xc0010055" in arch_post_acpi_subsys_init
        assertEquals(0, Msrs.read(cpu, Msr.K8_INT_PENDING_MSG));
        assertThrows(CpuException.class, () -> Msrs.write(cpu, Msr.K8_INT_PENDING_MSG, 0));
    }
}
