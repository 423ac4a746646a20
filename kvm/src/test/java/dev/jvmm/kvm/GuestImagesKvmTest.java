package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvmm.core.boot.KernelLoader;
import dev.jvmm.core.boot.LoadedKernel;
import dev.jvmm.core.clock.HostClock;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.memory.GuestMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The project's own guest images (built and committed by the guest-images module), booted by
 * vmm-core's loaders onto /dev/kvm: the same guests the software CPU runs. Read from the sibling
 * module's directory; skipped where it is absent.
 * Only guests that need nothing but COM1 and isa-debug-exit (no PIC, PIT, RTC) are run here; the
 * launcher's tests run the rest on the full PC board.
 */
class GuestImagesKvmTest {
    static final Path IMAGES = Path.of("..", "guest-images", "src", "main", "resources", "dev", "jvmm", "guests");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "hello-real.bin  | Hello from real mode!\\n",
            "real-to-pm.bin  | real-to-pm: 16-bit real mode, switching\\nreal-to-pm: 32-bit protected mode reached\\n",
            "hello-pm32.elf  | Hello from 32-bit protected mode!\\n",
            "hello-lm64.elf  | Hello from 64-bit long mode!\\n",
            "hello-elf64.elf | Hello from an ELF64 kernel!\\n",
            "smc32.elf       | smc32: patched immediate, next instruction, copied routine and far page OK; sum 499500\\n"})
    void bootsAndPrintsThenExitsWithZero(String file, String expected) throws Exception {
        assertEquals(expected.replace("\\n", "\n"), boot(file));
    }

    /**
     * Sixteen-odd exceptions and INT 0x30 in 32-bit protected mode, every handler returning with
     * IRET: on PVM most of them run through the interpreter (InterpreterFallback). Exit 0 is the
     * guest's "all checks passed"; its exact lines belong to the guest-images catalogue.
     */
    @Test
    void exceptions32PassesEveryCheck() throws Exception {
        String output = boot("exceptions32.elf");
        assertTrue(output.endsWith("checks passed\n"), output);
    }

    /** Boots {@code file}, expects isa-debug-exit with 0, returns what the guest printed on COM1. */
    private static String boot(String file) throws Exception {
        KvmTestMachine.assumeKvm();
        Path image = IMAGES.resolve(file);
        if (!Files.exists(image)) System.out.println("skipping: " + image.toAbsolutePath() + " is absent");
        assumeTrue(Files.exists(image), "guest image absent");
        GuestMemory memory = GuestMemory.create(16 << 20);
        try (KvmTestMachine m = new KvmTestMachine(memory, InterruptController.NONE, new HostClock())) {
            LoadedKernel kernel = KernelLoader.load(memory, Files.readAllBytes(image), "");
            m.vcpu.setState(kernel.entryState());
            long t0 = System.nanoTime();
            VcpuExit exit = m.vcpu.run();
            System.out.printf("%s on kvm: %s in %.1f ms, %d exits%n", file, exit, (System.nanoTime() - t0) / 1e6,
                    m.vcpu.exitCount());
            assertEquals(new VcpuExit.ExitRequested(), exit, m.serialText());
            assertEquals(new StopReason.DebugExit(0), m.platform.stop().reason(), m.serialText());
            return m.serialText();
        }
    }
}
