package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.boot.KernelLoader;
import dev.jvmm.core.boot.LoadedKernel;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.devices.pc.PcBoard;
import dev.jvmm.devices.serial.CapturingSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Boots the committed guest images (guest-images/src/main/resources) on the interpreter engine
 * with the real PC board and checks COM1 output and the isa-debug-exit value.
 */
class GuestBootTest {
    static Path image(String file) {
        Path p = Path.of(System.getProperty("user.dir")).resolveSibling("guest-images")
                .resolve("src/main/resources/dev/jvmm/guests").resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(p), "guest image not found: " + p);
        return p;
    }

    record Run(VcpuExit exit, String output, StopReason stop, long instructions) {}

    static Run boot(String file, long maxMillis) throws Exception {
        try (GuestMemory mem = GuestMemory.create(64L << 20)) {
            TimerQueue timers = new TimerQueue(new VirtualClock(1));
            CapturingSink out = new CapturingSink();
            PcBoard board = PcBoard.create(mem, timers, PcBoard.Options.defaults().withCom1(out));
            LoadedKernel k = KernelLoader.load(mem, Files.readAllBytes(image(file)), "");
            Vcpu vcpu = new InterpreterEngine().createVcpu(board.platform());
            vcpu.setState(k.entryState());
            board.stop().onRequest(vcpu::requestExit);
            Thread watchdog = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(maxMillis);
                    board.stop().request(new StopReason.Timeout(maxMillis / 1000.0));
                } catch (InterruptedException ignored) {
                    // finished in time
                }
            });
            VcpuExit exit = vcpu.run();
            watchdog.interrupt();
            board.flushOutput();
            return new Run(exit, new String(out.bytes(), StandardCharsets.ISO_8859_1), board.stop().reason(),
                    vcpu.instructionsRetired());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "hello-real.bin, Hello from real mode!",
        "hello-pm32.elf, Hello from 32-bit protected mode!",
        "hello-lm64.elf, Hello from 64-bit long mode!",
        "hello-elf64.elf, Hello from an ELF64 kernel!",
    })
    void helloGuests(String file, String line) throws Exception {
        Run r = boot(file, 20_000);
        assertEquals(line + "\n", r.output(), () -> "exit " + r.exit() + ", stop " + r.stop());
        assertEquals(new StopReason.DebugExit(0), r.stop(), () -> "exit " + r.exit());
        assertEquals(new VcpuExit.ExitRequested(), r.exit());
    }

    /** The other catalogue guests report success with isa-debug-exit value 0; their last line is a regex here. */
    @ParameterizedTest
    @CsvSource({
        "pit-irq.elf, pit-irq: counted 100 timer interrupts on IRQ 0",
        "uart-loopback.elf, 'uart-loopback: 16550 loopback, scratch, MSR mirror, FIFO and overrun OK'",
        "exceptions32.elf, exceptions32: all [0-9]+ checks passed",
        "sieve32.elf, 'sieve32: 78498 primes below 1000000, checksum 0x23c97f2b, 10 rounds'",
        "crc32.elf, 'crc32: check 0xcbf43926, 1048576 pseudo-random bytes 0x202250de'",
        "smc32.elf, 'smc32: patched immediate, next instruction, copied routine and far page OK; sum 499500'",
    })
    void otherGuests(String file, String lastLine) throws Exception {
        long t0 = System.nanoTime();
        Run r = boot(file, 120_000);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s: %d instructions in %.2f s (%.1f MIPS, including JIT warm-up)%n", file, r.instructions(),
                secs, r.instructions() / secs / 1e6);
        assertEquals(new StopReason.DebugExit(0), r.stop(), () -> "exit " + r.exit() + ", output:\n" + r.output());
        String[] lines = r.output().split("\n");
        assertTrue(r.output().endsWith("\n") && lines[lines.length - 1].matches(lastLine), () -> "output:\n" + r.output());
    }
}
