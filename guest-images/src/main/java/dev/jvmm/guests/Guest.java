package dev.jvmm.guests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Set;

/**
 * One guest image of the catalogue.
 *
 * @param name              short name, also the resource's base name, e.g. {@code hello-pm32}
 * @param description       one line: what the guest exercises
 * @param format            how the image is loaded and entered
 * @param expectedOutput    what the guest prints on COM1 when it succeeds
 * @param expectedExitValue the value the guest writes to isa-debug-exit (port 0xf4) on success
 * @param needs             what the guest needs that some engines lack (empty for most guests)
 */
public record Guest(String name, String description, BootFormat format, ExpectedOutput expectedOutput,
        int expectedExitValue, Set<Need> needs) {

    /** The directory of the images on the class path. */
    public static final String RESOURCE_DIRECTORY = "/dev/jvmm/guests/";

    public Guest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(expectedOutput, "expectedOutput");
        needs = Set.copyOf(needs);
    }

    /** A guest that needs nothing unusual. */
    public Guest(String name, String description, BootFormat format, ExpectedOutput expectedOutput,
            int expectedExitValue) {
        this(name, description, format, expectedOutput, expectedExitValue, Set.of());
    }

    /** The class-path resource holding the image, e.g. {@code /dev/jvmm/guests/hello-pm32.elf}. */
    public String resourceName() {
        return RESOURCE_DIRECTORY + name + "." + format.fileExtension();
    }

    /** A fresh copy of the image bytes. */
    public byte[] bytes() {
        try (InputStream in = Guest.class.getResourceAsStream(resourceName())) {
            if (in == null) {
                throw new IllegalStateException("guest image " + resourceName() + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read guest image " + resourceName(), e);
        }
    }

    /**
     * The exit status QEMU reports for the expected exit value: isa-debug-exit makes QEMU exit with
     * {@code (value << 1) | 1}, so success (0) shows as status 1.
     */
    public int expectedExitStatus() {
        return (expectedExitValue << 1) | 1;
    }
}
