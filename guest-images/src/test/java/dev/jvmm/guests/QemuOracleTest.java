package dev.jvmm.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Boots every guest on QEMU and checks the catalogue's expected COM1 output and exit status against it.
 * QEMU is the oracle the catalogue was written from; where it is not installed the test is skipped. ELF64
 * guests, which QEMU's -kernel refuses, boot through the elf64-boot shim as a multiboot module.
 */
class QemuOracleTest {

    private static final String QEMU = "qemu-system-x86_64";

    /** Guests whose expected output follows the SDM where QEMU 7.2 TCG is known to differ (see the README). */
    static final Map<String, String> QEMU_GAPS = Map.of(
            "seglimits32", "QEMU 7.2 TCG does not check segment limits or types on data accesses and far jumps");

    static Stream<Guest> guests() {
        return GuestCatalog.all().stream();
    }

    @ParameterizedTest
    @MethodSource("guests")
    void qemuAgreesWithTheCatalogue(Guest guest) throws Exception {
        assumeTrue(!QEMU_GAPS.containsKey(guest.name()), () -> {
            String reason = "skipping QEMU oracle for " + guest.name() + ": " + QEMU_GAPS.get(guest.name());
            System.out.println(reason);
            return reason;
        });
        assumeTrue(Processes.onPath(QEMU), () -> {
            String reason = "skipping QEMU oracle for " + guest.name() + ": " + QEMU + " is not installed";
            System.out.println(reason);
            return reason;
        });
        Path image = Files.createTempFile("jvmm-" + guest.name(), "." + guest.format().fileExtension());
        Path shim = Files.createTempFile("jvmm-elf64-boot", ".elf");
        try {
            Files.write(image, guest.bytes());
            Files.write(shim, GuestCatalog.elf64BootShim());
            Processes.Result result = Processes.run(image.getParent(), 60, qemuCommand(guest, image, shim));
            assertEquals(guest.expectedExitStatus(), result.status(), "QEMU exit status; stderr: " + result.stderr());
            assertTrue(guest.expectedOutput().matches(result.stdout()),
                    "expected " + guest.expectedOutput().describe() + " but COM1 showed:\n" + result.stdout());
        } finally {
            Files.deleteIfExists(image);
            Files.deleteIfExists(shim);
        }
    }

    /** The README's command, plus two options that keep SeaBIOS's banner off COM1. */
    static List<String> qemuCommand(Guest guest, Path image, Path elf64BootShim) {
        List<String> command = new ArrayList<>(List.of(QEMU, "-nographic", "-no-reboot",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                "-fw_cfg", "name=etc/sercon-port,string=0", "-net", "none"));
        switch (guest.format()) {
            case REAL_MODE_FLAT -> command.addAll(List.of("-drive", "format=raw,file=" + image));
            case MULTIBOOT -> command.addAll(List.of("-kernel", image.toString()));
            case ELF64 -> command.addAll(List.of("-kernel", elf64BootShim.toString(), "-initrd", image.toString()));
        }
        return command;
    }
}
