package dev.jvmm.guests.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LinuxGuestTest {
    @Test
    void aSoftwareCpuTellsTheKernelItsTscRate() {
        assertEquals("console=ttyS0 panic=-1 tsc_early_khz=1000000 jvmm.check", LinuxGuest.commandLine(" jvmm.check ", true));
        assertEquals("console=ttyS0 panic=-1 tsc_early_khz=1000000", LinuxGuest.commandLine("", true));
    }

    @Test
    void underKvmTheTscIsTheHostsAndTheKernelCalibratesIt() {
        assertEquals("console=ttyS0 panic=-1 quiet", LinuxGuest.commandLine("quiet", false));
    }
}
