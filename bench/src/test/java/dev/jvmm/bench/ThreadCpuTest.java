package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void threadsAreGroupedByTheirLinuxNames() {
        ThreadCpu t = ThreadCpu.of(List.of(
                new ThreadCpu.Thread("java", 0.01), new ThreadCpu.Thread("java", 2.0),
                new ThreadCpu.Thread("C2 CompilerThre", 0.5), new ThreadCpu.Thread("C1 CompilerThre", 0.25),
                new ThreadCpu.Thread("jvmm-jit-transl", 0.125),
                new ThreadCpu.Thread("VM Thread", 0.0625), new ThreadCpu.Thread("?", 0.0625)));
        assertEquals(2.01, t.mainSeconds(), 1e-12);
        assertEquals(0.75, t.compilerSeconds());
        assertEquals(0.125, t.translatorSeconds());
        assertEquals(0.125, t.otherSeconds());
        assertEquals(3.01, t.totalSeconds(), 1e-12);
    }

    @Test
    void schedstatsFirstFieldIsTheRunTime() {
        assertEquals(893_339_073L, ThreadCpuSampler.runNanos("893339073 626108399 1854\n"));
        assertEquals(-1, ThreadCpuSampler.runNanos(""));
    }
}
