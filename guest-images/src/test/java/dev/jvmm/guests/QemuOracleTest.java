package dev.jvmm.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** Guests whose code uses instructions beyond QEMU's default CPU model. */
    private static final Set<String> NEEDS_CPU_MAX = Set.of("sse4-64");

    /** Every guest but those that need input typed on COM1 (uart-echo: UartEchoQemuTest types it). */
    static Stream<Guest> guests() {
        return GuestCatalog.all().stream().filter(g -> !g.needs().contains(Need.SERIAL_INPUT));
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

    /**
     * The multiboot guests that read {@code rounds=N} from the kernel command line (QEMU's -append): the
     * default count given explicitly reproduces the catalogue's output exactly, another count is named in the
     * output (and changes the checksum where it covers every round; sieve32's is of one round's primes, each
     * round checked against the first), and a malformed one exits 5 (QEMU status 11).
     */
    @ParameterizedTest
    @CsvSource({"sort32, true", "matmul32, true", "sieve32, false"})
    void roundsOnTheCommandLine(String name, boolean checksumCoversEveryRound) throws Exception {
        assumeTrue(Processes.onPath(QEMU), () -> {
            String reason = "skipping QEMU command-line test for " + name + ": " + QEMU + " is not installed";
            System.out.println(reason);
            return reason;
        });
        Guest guest = GuestCatalog.byName(name);
        String expected;
        try (var in = GuestCatalog.class.getResourceAsStream(Guest.RESOURCE_DIRECTORY + name + ".expected")) {
            expected = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("^(" + name + ": .*checksum )(0x[0-9a-f]{8}), (\\d+) rounds\n$").matcher(expected);
        assertTrue(m.matches(), expected);
        int defaultRounds = Integer.parseInt(m.group(3));

        Processes.Result same = runWithAppend(guest, "rounds=" + defaultRounds);
        assertEquals(1, same.status(), same.stderr());
        assertEquals(expected, same.stdout());

        int other = defaultRounds + 1;
        Processes.Result more = runWithAppend(guest, "quiet rounds=" + other);
        assertEquals(1, more.status(), more.stderr());
        Matcher o = Pattern.compile("^(" + name + ": .*checksum )(0x[0-9a-f]{8}), " + other + " rounds\n$")
                .matcher(more.stdout());
        assertTrue(o.matches(), more.stdout());
        assertEquals(m.group(1), o.group(1));
        assertEquals(checksumCoversEveryRound, !m.group(2).equals(o.group(2)), more.stdout());

        Processes.Result bad = runWithAppend(guest, "rounds=x");
        assertEquals((5 << 1) | 1, bad.status(), bad.stderr());
        assertEquals(name + ": bad rounds=N on the command line\n", bad.stdout());
    }

    private static Processes.Result runWithAppend(Guest guest, String append) throws Exception {
        Path image = Files.createTempFile("jvmm-" + guest.name(), "." + guest.format().fileExtension());
        try {
            Files.write(image, guest.bytes());
            List<String> command = qemuCommand(guest, image, null);
            command.addAll(List.of("-append", append));
            return Processes.run(image.getParent(), 60, command);
        } finally {
            Files.deleteIfExists(image);
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
        // QEMU's default CPU model (qemu64) has no SSE4.1/SSE4.2: the guests built for them #UD there.
        if (NEEDS_CPU_MAX.contains(guest.name())) command.addAll(List.of("-cpu", "max"));
        return command;
    }
}
