package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceTest {
    @TempDir
    Path tmp;

    @Test
    void insnTracePrintsEachInstructionDisassembledBeforeItRuns() throws Exception {
        // mov al, 0x21 ; out 0xf4, al
        CliRun run = CliRun.of(tmp, "run", "--engine", "interp", "--trace", "insn",
                "--kernel", CliRun.write(tmp, "exit.bin", CliRun.bootSector(0xB0, 0x21, 0xE6, 0xF4)).toString());
        assertEquals(ExitStatus.debugExit(0x21), run.status(), run.stderr());
        assertEquals("""
                jvmm: insn 0000:00007c00  b0 21                    mov    al,0x21
                jvmm: insn 0000:00007c02  e6 f4                    out    0xf4,al
                """, run.stderr());
    }

    @Test
    void everyEngineTracesTheSameInstructions() throws Exception {
        String interp = CliRun.of(tmp, "run", "hello-lm64", "--engine", "interp", "--trace", "insn").stderr();
        assertTrue(interp.lines().count() > 1000, "hello-lm64 runs a few thousand instructions");
        for (String engine : new String[] {"jit", "kvm"}) {
            if (engine.equals("kvm") && Engines.byName("kvm").unavailableReason() != null) continue;
            assertEquals(interp, CliRun.of(tmp, "run", "hello-lm64", "--engine", engine, "--trace", "insn").stderr(), engine);
        }
    }

    @Test
    void bootTraceSaysWhereTheKernelWent() throws Exception {
        CliRun run = CliRun.of(tmp, "run", "hello-pm32", "--trace", "boot");
        assertTrue(run.stderr().startsWith("jvmm: boot: multiboot kernel (ELF32"), run.stderr());
    }

    @Test
    void jitTracePrintsEachUnitsGuestCodeBesideItsBytecode() throws Exception {
        CliRun run = CliRun.of(tmp, "run", "sieve32", "--trace", "jit");
        assertEquals(ExitStatus.debugExit(0), run.status(), run.stderr());
        String err = run.stderr();
        assertTrue(err.contains("=== unit at rip "), err);
        assertTrue(err.contains("--- bytecode"), "the bytecode follows the guest listing");
        assertTrue(err.lines().anyMatch(l -> l.matches("\\s+>?\\s*[0-9a-f]{8}\\s+\\S+.*")), "guest instructions, disassembled");
    }

    @Test
    void jitTraceNeedsATranslatingEngine() throws Exception {
        CliRun run = CliRun.of(tmp, "run", "hello-pm32", "--engine", "interp", "--trace", "jit");
        assertEquals(ExitStatus.USAGE, run.status());
        assertTrue(run.stderr().contains("--trace jit needs an engine that translates"), run.stderr());
    }
}
