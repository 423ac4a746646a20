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
                "--kernel", CliRun.write(tmp, "exit.bin", CliRun.bytes(0xB0, 0x21, 0xE6, 0xF4)).toString());
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
}
