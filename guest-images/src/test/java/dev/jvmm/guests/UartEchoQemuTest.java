package dev.jvmm.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * QEMU as the oracle for {@code uart-echo}, the one guest that needs input on COM1 ({@link Need#SERIAL_INPUT},
 * so {@link QemuOracleTest}, which gives QEMU no input, leaves it out): QEMU's -nographic puts COM1 on stdio, and
 * this test types {@link GuestCatalog#UART_ECHO_INPUT} into QEMU's stdin once the guest has had time to set up
 * the UART (bytes that arrive before its FIFO reset would be dropped, as on hardware), a byte at a time.
 */
class UartEchoQemuTest {

    private static final String QEMU = "qemu-system-x86_64";

    @Test
    void qemuEchoesTheCatalogueInput() throws Exception {
        Guest guest = GuestCatalog.UART_ECHO;
        assumeTrue(Processes.onPath(QEMU), () -> {
            String reason = "skipping QEMU oracle for " + guest.name() + ": " + QEMU + " is not installed";
            System.out.println(reason);
            return reason;
        });
        Path image = Files.createTempFile("jvmm-" + guest.name(), ".elf");
        Path out = File.createTempFile("jvmm-guest-test", ".out").toPath();
        Path err = File.createTempFile("jvmm-guest-test", ".err").toPath();
        try {
            Files.write(image, guest.bytes());
            Process qemu = new ProcessBuilder(QemuOracleTest.qemuCommand(guest, image, null))
                    .directory(image.getParent().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (OutputStream typist = qemu.getOutputStream()) {
                Thread.sleep(2_000); // SeaBIOS, the multiboot load and the guest's UART setup
                for (byte b : GuestCatalog.UART_ECHO_INPUT.getBytes(StandardCharsets.US_ASCII)) {
                    typist.write(b);
                    typist.flush();
                    Thread.sleep(10);
                }
                if (!qemu.waitFor(60, TimeUnit.SECONDS)) {
                    qemu.destroyForcibly().waitFor();
                    throw new AssertionError("QEMU did not finish in 60 s; COM1 showed:\n" + Files.readString(out));
                }
            }
            String stdout = Files.readString(out, StandardCharsets.ISO_8859_1);
            assertEquals(guest.expectedExitStatus(), qemu.exitValue(),
                    "QEMU exit status; stderr: " + Files.readString(err, StandardCharsets.ISO_8859_1));
            assertTrue(guest.expectedOutput().matches(stdout),
                    "expected " + guest.expectedOutput().describe() + " but COM1 showed:\n" + stdout);
        } finally {
            Files.deleteIfExists(image);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
