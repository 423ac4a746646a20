package dev.jvmm.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Boots every guest QEMU can boot and checks the catalogue's expected COM1 output and exit status against
 * it. QEMU is the oracle the catalogue was written from; where it is not installed the test is skipped.
 */
class QemuOracleTest {

    private static final String QEMU = "qemu-system-x86_64";

    static Stream<Guest> qemuBootableGuests() {
        // QEMU's -kernel takes multiboot ELF32 (and Linux), not a bare ELF64.
        return GuestCatalog.all().stream().filter(g -> g.format() != BootFormat.ELF64);
    }

    @ParameterizedTest
    @MethodSource("qemuBootableGuests")
    void qemuAgreesWithTheCatalogue(Guest guest) throws Exception {
        assumeTrue(Processes.onPath(QEMU), () -> {
            String reason = "skipping QEMU oracle for " + guest.name() + ": " + QEMU + " is not installed";
            System.out.println(reason);
            return reason;
        });
        Path image = Files.createTempFile("jvmm-" + guest.name(), "." + guest.format().fileExtension());
        try {
            Files.write(image, guest.bytes());
            Processes.Result result = Processes.run(image.getParent(), 60, qemuCommand(guest, image));
            assertEquals(guest.expectedExitStatus(), result.status(), "QEMU exit status; stderr: " + result.stderr());
            assertTrue(guest.expectedOutput().matches(result.stdout()),
                    "expected " + guest.expectedOutput().describe() + " but COM1 showed:\n" + result.stdout());
        } finally {
            Files.deleteIfExists(image);
        }
    }

    /** The README's command, plus two options that keep SeaBIOS's banner off COM1. */
    static List<String> qemuCommand(Guest guest, Path image) {
        List<String> command = new ArrayList<>(List.of(QEMU, "-nographic", "-no-reboot",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                "-fw_cfg", "name=etc/sercon-port,string=0", "-net", "none"));
        if (guest.format() == BootFormat.REAL_MODE_FLAT) {
            command.addAll(List.of("-drive", "format=raw,file=" + image));
        } else {
            command.addAll(List.of("-kernel", image.toString()));
        }
        return command;
    }
}
