package dev.jvmm.launcher;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded bad kernel images for {@link FuzzTest}: bundled images (boot sector, multiboot ELF32, ELF64)
 * truncated, with bytes flipped or header fields set to extreme values, and random bytes with or without
 * a boot signature or a multiboot header in front.
 */
final class BadImages {
    private BadImages() {}

    private static final int[] EXTREMES = {0, 1, -1, 0x7FFF_FFFF, 0x8000_0000, 0x0010_0000, 0xFFFF_0000, 0x1BAD_B002};

    static byte[] make(SplittableRandom rnd) {
        List<byte[]> seeds = FuzzTest.seeds();
        byte[] image = seeds.get(rnd.nextInt(seeds.size())).clone();
        return switch (rnd.nextInt(6)) {
            case 0 -> Arrays.copyOf(image, rnd.nextInt(image.length));
            case 1 -> {
                for (int n = 1 + rnd.nextInt(8); n > 0; n--) image[rnd.nextInt(Math.min(512, image.length))] ^= (byte) (1 << rnd.nextInt(8));
                yield image;
            }
            case 2 -> {
                ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
                for (int n = 1 + rnd.nextInt(3); n > 0; n--) b.putInt(rnd.nextInt(Math.min(252, image.length - 4)) & ~3, EXTREMES[rnd.nextInt(EXTREMES.length)]);
                yield image;
            }
            case 3 -> {
                byte[] noise = new byte[rnd.nextInt(4096)];
                rnd.nextBytes(noise);
                yield noise;
            }
            case 4 -> { // a multiboot header with random flags and kludge addresses, then noise
                ByteBuffer b = ByteBuffer.allocate(64 + rnd.nextInt(4096)).order(ByteOrder.LITTLE_ENDIAN);
                int flags = rnd.nextBoolean() ? 1 << 16 : rnd.nextInt();
                b.putInt(0x1BADB002).putInt(flags).putInt(-(0x1BADB002 + flags));
                for (int k = 0; k < 5; k++) b.putInt(rnd.nextBoolean() ? EXTREMES[rnd.nextInt(EXTREMES.length)] : 0x100000 + rnd.nextInt(0x2000));
                while (b.hasRemaining()) b.put((byte) rnd.nextInt(256));
                yield b.array();
            }
            default -> { // ELF header fields (phoff, phnum, p_offset, p_filesz, p_memsz...) set to extremes
                ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
                if (image.length > 0x80) b.putInt(0x18 + 4 * rnd.nextInt(24), EXTREMES[rnd.nextInt(EXTREMES.length)]);
                yield image;
            }
        };
    }
}
