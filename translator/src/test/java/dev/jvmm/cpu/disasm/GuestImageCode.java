package dev.jvmm.cpu.disasm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The code of the bundled guest images (guest-images module), read from the source tree: the
 * executable sections of each ELF file (ELF32 or ELF64 section headers) and each flat {@code .bin}
 * as 16-bit code.
 */
final class GuestImageCode {
    /** One stretch of code: where it is loaded, its code size and bytes. */
    record Code(String name, long address, int mode, byte[] bytes) {}

    static final Path GUESTS = Path.of("guest-images/src/main/resources/dev/jvmm/guests");
    private static final int SHF_EXECINSTR = 4;

    private GuestImageCode() {}

    /** The guests directory, found from the project root or the translator module directory. */
    static Path directory() {
        for (Path p : List.of(GUESTS, Path.of("..").resolve(GUESTS))) {
            if (Files.isDirectory(p)) return p;
        }
        return null;
    }

    static List<Code> all(Path dir) throws IOException {
        List<Code> code = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".elf")) code.addAll(elfSections(name, Files.readAllBytes(f)));
                else if (name.endsWith(".bin")) code.add(new Code(name, 0, 16, Files.readAllBytes(f)));
            }
        }
        return code;
    }

    /** Executable sections with file contents (SHT_PROGBITS) of a little-endian ELF file. */
    static List<Code> elfSections(String name, byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        boolean elf64 = file[4] == 2;
        int mode = elf64 ? 64 : 32;
        long shoff = elf64 ? b.getLong(0x28) : b.getInt(0x20) & 0xFFFF_FFFFL;
        int shentsize = b.getShort(elf64 ? 0x3A : 0x2E) & 0xFFFF;
        int shnum = b.getShort(elf64 ? 0x3C : 0x30) & 0xFFFF;
        List<Code> code = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int h = (int) (shoff + (long) i * shentsize);
            int type = b.getInt(h + 4);
            long flags = elf64 ? b.getLong(h + 8) : b.getInt(h + 8);
            long addr = elf64 ? b.getLong(h + 0x10) : b.getInt(h + 0x0C) & 0xFFFF_FFFFL;
            long offset = elf64 ? b.getLong(h + 0x18) : b.getInt(h + 0x10) & 0xFFFF_FFFFL;
            long size = elf64 ? b.getLong(h + 0x20) : b.getInt(h + 0x14) & 0xFFFF_FFFFL;
            if (type != 1 || (flags & SHF_EXECINSTR) == 0 || size == 0) continue;
            byte[] bytes = Arrays.copyOfRange(file, (int) offset, (int) (offset + size));
            code.add(new Code(name + "#" + i, addr, mode, bytes));
        }
        return code;
    }
}
