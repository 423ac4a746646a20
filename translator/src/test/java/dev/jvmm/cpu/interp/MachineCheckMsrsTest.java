package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.CpuException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IA32_MCG_CAP/IA32_MCG_STATUS of a CPU with no machine-check banks (SDM vol. 3B 16.3.1). */
class MachineCheckMsrsTest {
    private final GuestMemory mem = GuestMemory.create(2L << 20);
    private final Cpu cpu = new Cpu(mem);

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void mcgCapSaysNoBanksAndIsReadOnly() {
        assertEquals(0, Msrs.read(cpu, Msr.MCG_CAP), "bits 7:0 = 0 banks, MCG_CTL_P clear");
        assertThrows(CpuException.class, () -> Msrs.write(cpu, Msr.MCG_CAP, 0));
    }

    @Test
    void mcgStatusHoldsNoErrorAndTakesOnlyZero() {
        assertEquals(0, Msrs.read(cpu, Msr.MCG_STATUS));
        assertDoesNotThrow(() -> Msrs.write(cpu, Msr.MCG_STATUS, 0));
        assertThrows(CpuException.class, () -> Msrs.write(cpu, Msr.MCG_STATUS, 1L << 2), "MCIP with no machine check");
        assertThrows(CpuException.class, () -> Msrs.read(cpu, 0x400), "IA32_MC0_CTL: no bank 0");
    }
}
