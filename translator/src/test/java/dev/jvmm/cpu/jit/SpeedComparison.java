package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvmm.core.engine.Engine;
import dev.jvmm.cpu.interp.InterpreterEngine;
import dev.jvmm.guests.GuestCatalog;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a check (timing never decides a test): wall time of the CPU-bound guests on
 * the interpreter and the jit engine. Run with
 * {@code -Dtest=SpeedComparison -Djvmm.bench=true [-Djvmm.test.guests=sieve32,crc32]}.
 */
class SpeedComparison {
    @Test
    void interpreterVersusJit() throws Exception {
        assumeTrue(Boolean.getBoolean("jvmm.bench"), "measurement only: -Djvmm.bench=true");
        String names = System.getProperty("jvmm.test.guests", "sieve32,crc32");
        for (String name : names.split(",")) {
            for (Engine e : new Engine[] {new InterpreterEngine(), new JitEngine(), new JitEngine()}) {
                GuestRunner.Run r = GuestRunner.boot(GuestCatalog.byName(name), e, 300_000);
                System.out.printf("%-10s %-7s %,14d instructions %6.2f s wall %6.2f s vCPU thread %7.1f MIPS  %s%n", name,
                        e.name(), r.instructions(), r.seconds(), r.cpuSeconds(), r.instructions() / r.seconds() / 1e6, r.stop());
                if (e instanceof JitEngine) System.out.println(r.stats());
            }
        }
    }
}
