package dev.jvmm.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed images are well-formed for the boot format the catalogue claims. */
class GuestImageFormatTest {

    private static final int MULTIBOOT_SEARCH_LIMIT = 8192;   // Multiboot spec 3.1.1
    private static final int MULTIBOOT_HEADER_MAGIC = 0x1badb002;
    private static final int MULTIBOOT_AOUT_KLUDGE = 1 << 16;
    private static final long ONE_MIB = 0x100000;
    private static final int MAX_IMAGE_SIZE = 64 * 1024;

    static Stream<Guest> guests() {
        return GuestCatalog.all().stream();
    }

    static Stream<Guest> guestsIn(BootFormat format) {
        return guests().filter(g -> g.format() == format);
    }

    static Stream<Guest> realModeGuests() {
        return guestsIn(BootFormat.REAL_MODE_FLAT);
    }

    static Stream<Guest> multibootGuests() {
        return guestsIn(BootFormat.MULTIBOOT);
    }

    static Stream<Guest> elf64Guests() {
        return guestsIn(BootFormat.ELF64);
    }

    @ParameterizedTest
    @MethodSource("guests")
    void imagesAreSmall(Guest guest) {
        int size = guest.bytes().length;
        assertTrue(size > 0 && size <= MAX_IMAGE_SIZE, guest.name() + " is " + size + " bytes");
    }

    @ParameterizedTest
    @MethodSource("realModeGuests")
    void bootSectorsAreWholeSectorsWithTheSignature(Guest guest) {
        byte[] image = guest.bytes();
        assertTrue(image.length >= 512 && image.length % 512 == 0, "whole sectors: " + image.length);
        assertTrue(0x7c00 + image.length <= 0xa0000, "fits below 640 KiB when loaded at 0x7C00");
        assertEquals(0x55, image[510] & 0xff);
        assertEquals(0xaa, image[511] & 0xff);
    }

    @ParameterizedTest
    @MethodSource("multibootGuests")
    void multibootImagesAreElf32WithAValidHeader(Guest guest) {
        byte[] image = guest.bytes();
        ElfImage elf = ElfImage.parse(image);
        assertEquals(ElfImage.CLASS_32, elf.elfClass());
        assertEquals(ElfImage.EM_386, elf.machine());
        assertEquals(ElfImage.ET_EXEC, elf.type());
        assertLoadableAboveOneMib(elf, image.length);

        int header = findMultibootHeader(image);
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int flags = b.getInt(header + 4);
        int checksum = b.getInt(header + 8);
        assertEquals(0, MULTIBOOT_HEADER_MAGIC + flags + checksum, "magic + flags + checksum must be 0 mod 2^32");
        assertEquals(0, flags & MULTIBOOT_AOUT_KLUDGE, "ELF images take addresses from the program headers");
    }

    @Test
    void theElf64BootShimIsAMultibootImageAboveTheGuests() {
        byte[] shim = GuestCatalog.elf64BootShim();
        ElfImage elf = ElfImage.parse(shim);
        assertEquals(ElfImage.CLASS_32, elf.elfClass());
        assertLoadableAboveOneMib(elf, shim.length);
        int header = findMultibootHeader(shim);
        ByteBuffer b = ByteBuffer.wrap(shim).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, MULTIBOOT_HEADER_MAGIC + b.getInt(header + 4) + b.getInt(header + 8));
        for (ElfImage.Segment s : elf.loadSegments()) {
            assertTrue(s.paddr() >= 8 * ONE_MIB, "the shim keeps clear of guests at 1 MiB: " + s);
        }
    }

    @ParameterizedTest
    @MethodSource("elf64Guests")
    void elf64ImagesAreX8664Executables(Guest guest) {
        byte[] image = guest.bytes();
        ElfImage elf = ElfImage.parse(image);
        assertEquals(ElfImage.CLASS_64, elf.elfClass());
        assertEquals(ElfImage.EM_X86_64, elf.machine());
        assertEquals(ElfImage.ET_EXEC, elf.type());
        assertLoadableAboveOneMib(elf, image.length);
    }

    private static void assertLoadableAboveOneMib(ElfImage elf, int fileLength) {
        List<ElfImage.Segment> loads = elf.loadSegments();
        assertFalse(loads.isEmpty(), "no PT_LOAD segment");
        for (ElfImage.Segment s : loads) {
            assertTrue(s.paddr() >= ONE_MIB, "segment below 1 MiB: " + s);
            assertEquals(s.vaddr(), s.paddr(), "identity-mapped images: vaddr = paddr");
            assertTrue(s.fileSize() <= s.memSize(), "file size beyond memory size: " + s);
            assertTrue(s.offset() + s.fileSize() <= fileLength, "segment beyond the end of the file: " + s);
        }
        ElfImage.Segment entrySegment = loads.stream().filter(s -> s.contains(elf.entry())).findFirst()
                .orElseThrow(() -> new AssertionError("entry 0x" + Long.toHexString(elf.entry()) + " is in no segment"));
        assertTrue((entrySegment.flags() & ElfImage.PF_X) != 0, "entry segment not executable");
        assertTrue(elf.entry() < entrySegment.vaddr() + entrySegment.fileSize(), "entry point in .bss");
    }

    private static int findMultibootHeader(byte[] image) {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        for (int offset = 0; offset + 12 <= Math.min(image.length, MULTIBOOT_SEARCH_LIMIT); offset += 4) {
            if (b.getInt(offset) == MULTIBOOT_HEADER_MAGIC) {
                return offset;
            }
        }
        return fail("no multiboot header in the first 8 KiB");
    }
}
