package dev.jvmm.guests.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinuxCheckTest {
    /** What QEMU 7.2 TCG printed booting Debian's 6.1.0-57-amd64 with jvmm's initramfs (flags shortened). */
    private static final String QEMU_RUN = """
            [    1.0] Run /init as init process
            jvmm-init: userspace is up (6.32 s after boot)
            jvmm-check: uname Linux 6.1.0-57-amd64 x86_64
            jvmm-check: flags  fpu de pse tsc msr pae cx8 apic sep pge cmov pat clflush mmx fxsr sse sse2 syscall nx lm
            jvmm-check: cpus 1
            jvmm-check: sum 500500
            jvmm-check: md5 9e107d9d372bb6826bd81d3542a419d6
            jvmm-check: sha256 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
            jvmm-check: sort 1 2 3 10
            jvmm-check: shell 1048576 259106859
            jvmm-check: file 1048576 b6d81b360a5672d80c27430f39153e2c
            jvmm-check: dmesg-lines 362
            jvmm-check: dmesg-problems 0
            jvmm-check: done
            """;

    @Test
    void aGoodRunPasses() {
        assertEquals(List.of(), LinuxCheck.problems(QEMU_RUN, "6.1.0-57-amd64"));
    }

    @Test
    void eachWrongValueIsNamed() {
        String bad = QEMU_RUN.replace(" sse2 ", " ").replace("sum 500500", "sum 500499")
                .replace("dmesg-problems 0", "dmesg-problems 1\njvmm-check: problem [ 0.1] unchecked MSR access error: RDMSR from 0x8b");
        assertEquals(List.of("/proc/cpuinfo flags lack sse2", "sum: '500499', expected '500500'", "dmesg-problems: '1', expected '0'",
                "kernel log: [ 0.1] unchecked MSR access error: RDMSR from 0x8b"), LinuxCheck.problems(bad, "6.1.0-57-amd64"));
        assertEquals(List.of("uname: 'Linux 6.1.0-57-amd64 x86_64', expected 'Linux 6.2 x86_64'"), LinuxCheck.problems(QEMU_RUN, "6.2"));
        List<String> none = LinuxCheck.problems("[ 0.5] Kernel panic - not syncing: VFS", "6.1.0-57-amd64");
        assertTrue(none.contains("no 'jvmm-init: userspace is up' line: userspace never ran"), none.toString());
        assertTrue(none.contains("the check script did not finish"), none.toString());
    }
}
