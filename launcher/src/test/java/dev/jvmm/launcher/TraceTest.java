package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
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
    void traceFileKeepsTracesApartFromTheConsole() throws Exception {
        java.nio.file.Path log = tmp.resolve("trace.log");
        CliRun run = CliRun.of(tmp, "run", "hello-pm32", "--engine", "interp", "-d", "exec", "-D", log.toString(), "--trace", "boot");
        assertEquals(ExitStatus.debugExit(0), run.status(), run.stderr());
        assertFalse(run.stderr().contains("jvmm: boot:"), run.stderr());
        String traced = java.nio.file.Files.readString(log);
        assertTrue(traced.startsWith("jvmm: boot: multiboot kernel"), traced);
        assertTrue(traced.lines().count() > 20, "every instruction: " + traced);
    }

    @Test
    void intTraceShowsEachInterruptWithItsVectorAndWhereItCameIn() throws Exception {
        CliRun run = CliRun.of(tmp, "run", "pit-irq", "--engine", "jit", "--clock", "virtual", "-d", "int");
        assertEquals(ExitStatus.debugExit(0), run.status(), run.stderr());
        // IRQ0 at pit-irq's IRQ_BASE 0x20, in its 32-bit code segment (selector 0x08): one line per tick
        assertTrue(run.stderr().lines().filter(l -> l.matches("jvmm: int: vector 0x20 external at 0008:[0-9a-f]+")).count() >= 100, run.stderr());
        CliRun exceptions = CliRun.of(tmp, "run", "exceptions32", "--engine", "interp", "--trace", "int");
        assertTrue(exceptions.stderr().lines().anyMatch(l -> l.matches("jvmm: int: vector 0x0d exception error code 0x[0-9a-f]+ at 0008:[0-9a-f]+")),
                "a #GP with its error code: " + exceptions.stderr());
    }

    @Test
    void cpuTraceShowsTheRegistersBeforeEachInstruction() throws Exception {
        CliRun run = CliRun.of(tmp, "run", "hello-pm32", "--engine", "interp", "-d", "cpu");
        assertEquals(ExitStatus.debugExit(0), run.status(), run.stderr());
        List<String> lines = run.stderr().lines().toList();
        long insns = lines.stream().filter(l -> l.startsWith("jvmm: insn ")).count();
        assertTrue(insns > 20, run.stderr());
        assertEquals(insns, lines.stream().filter(l -> l.startsWith("jvmm: cpu rip=")).count(), "one register dump per instruction");
        int first = lines.indexOf(lines.stream().filter(l -> l.startsWith("jvmm: insn ")).findFirst().orElseThrow());
        assertTrue(lines.get(first - 1).startsWith("jvmm: cpu cr0="), "the dump comes before its instruction: " + lines.get(first - 1));
    }

    @Test
    void bootTraceSaysWhereTheKernelWent() throws Exception {
        CliRun run = CliRun.of(tmp, "run", "hello-pm32", "--trace", "boot");
        assertTrue(run.stderr().startsWith("jvmm: boot: multiboot kernel (ELF32"), run.stderr());
    }

    @Test
    void jitTracePrintsEachGuestInstructionFollowedByItsBytecode() throws Exception {
        CliRun run = CliRun.of(tmp, "run", "sieve32", "--trace", "jit");
        assertEquals(ExitStatus.debugExit(0), run.status(), run.stderr());
        String err = run.stderr();
        assertTrue(err.contains("=== unit at rip "), err);
        // sieve32's zeroing loop: "inc eax" (a guest line) then the bytecode made for it, lconst/ladd among it
        assertTrue(java.util.regex.Pattern.compile("(?m)^[> ] [0-9a-f]{8}  inc +eax\\n(\\s{10}\\S.*\\n)*?\\s{10}ladd$").matcher(err).find(),
                "a guest instruction followed by its bytecode: " + err.substring(0, Math.min(err.length(), 4000)));
        assertTrue(err.contains("  (exits and slow paths)"), "the shared tail code is listed apart");
        assertFalse(err.contains("StackMapTable"), "no raw class-file dump");
    }

    @Test
    void jitTraceNeedsATranslatingEngine() throws Exception {
        CliRun run = CliRun.of(tmp, "run", "hello-pm32", "--engine", "interp", "--trace", "jit");
        assertEquals(ExitStatus.USAGE, run.status());
        assertTrue(run.stderr().contains("--trace jit needs an engine that translates"), run.stderr());
    }
}
