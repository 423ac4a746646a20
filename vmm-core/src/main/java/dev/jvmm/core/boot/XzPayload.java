package dev.jvmm.core.boot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.tukaani.xz.SingleXZInputStream;
import org.tukaani.xz.XZFormatException;

/**
 * A bzImage's compressed kernel, decoded on the host. The payload (setup header fields payload_offset and
 * payload_length) is the kernel's {@code vmlinux.bin} compressed by the build, followed by its
 * uncompressed size as a little-endian 32-bit number ({@code scripts/Makefile.lib}, "size_append").
 * Debian's kernels use XZ with the x86 BCJ filter; the decoder is org.tukaani:xz, which checks the
 * stream's CRCs, so a corrupt payload is found here rather than by a guest that halts silently.
 */
final class XzPayload {
    private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};

    private XzPayload() {}

    /** The uncompressed kernel (an ELF file) inside {@code image}'s payload. */
    static byte[] unpack(byte[] image, SetupHeader header) throws BootException {
        if (header.payloadLength() < XZ_MAGIC.length + 4) {
            throw new BootException("this Linux kernel names no compressed payload (protocol " + header.protocolVersion()
                    + "); boot it with the kernel's own decompressor");
        }
        int start = (int) (header.kernelOffset() + header.payloadOffset());
        int length = (int) header.payloadLength();
        if (!startsWith(image, start, XZ_MAGIC)) {
            throw new BootException("the kernel's payload is compressed with " + describe(image, start)
                    + ", not XZ: jvmm unpacks XZ only; boot it with the kernel's own decompressor");
        }
        int sizeAt = start + length - 4;
        long size = (image[sizeAt] & 0xFFL) | (image[sizeAt + 1] & 0xFFL) << 8 | (image[sizeAt + 2] & 0xFFL) << 16
                | (image[sizeAt + 3] & 0xFFL) << 24;
        if (size < 64 || size > Integer.MAX_VALUE - 16) {
            throw new BootException("corrupt Linux kernel: the payload says it unpacks to " + size + " bytes");
        }
        byte[] out = new byte[(int) size];
        try (InputStream in = new SingleXZInputStream(new ByteArrayInputStream(image, start, length - 4))) {
            int n = in.readNBytes(out, 0, out.length);
            if (n != out.length) {
                throw new BootException(String.format("corrupt Linux kernel: the payload unpacks to %,d bytes, not the %,d it promises", n, size));
            }
            if (in.read() >= 0) throw new BootException("corrupt Linux kernel: the payload unpacks to more than the " + size + " bytes it promises");
        } catch (XZFormatException e) {
            throw new BootException("corrupt Linux kernel: the payload is not an XZ stream (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new BootException("corrupt Linux kernel: the XZ payload does not decode (" + e.getMessage() + ")");
        }
        return out;
    }

    private static boolean startsWith(byte[] b, int at, byte[] magic) {
        if (at + magic.length > b.length) return false;
        for (int i = 0; i < magic.length; i++) if (b[at + i] != magic[i]) return false;
        return true;
    }

    /** The compressor a payload's first bytes name (the magic numbers the kernel's decompressors accept). */
    private static String describe(byte[] b, int at) {
        if (startsWith(b, at, new byte[] {0x1F, (byte) 0x8B})) return "gzip";
        if (startsWith(b, at, new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD})) return "zstd";
        if (startsWith(b, at, new byte[] {'B', 'Z', 'h'})) return "bzip2";
        if (startsWith(b, at, new byte[] {0x5D, 0, 0})) return "LZMA";
        if (startsWith(b, at, new byte[] {0x02, 0x21, 0x4C, 0x18})) return "LZ4";
        if (startsWith(b, at, new byte[] {(byte) 0x89, 'L', 'Z', 'O'})) return "LZO";
        return "an unknown method";
    }
}
