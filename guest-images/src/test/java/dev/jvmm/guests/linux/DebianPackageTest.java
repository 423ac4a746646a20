package dev.jvmm.guests.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebianPackageTest {
    @Test
    void aptCacheShowStanzasAreRead() {
        String stanza = """
                Package: linux-image-amd64
                Source: linux-signed-amd64 (6.1.192+3)
                Version: 6.1.192-3
                Depends: linux-image-6.1.0-57-amd64 (= 6.1.192-3)
                SHA256: 14D219D01E1283261817D961DBB3895CB5B4288D0DE10E0BA0632A0D993E15BF
                Description: Linux for 64-bit PCs (meta-package)
                """;
        DebianPackage.Entry e = DebianPackage.parse(stanza);
        assertEquals(new DebianPackage.Entry("linux-image-amd64", "6.1.192-3",
                "14d219d01e1283261817d961dbb3895cb5b4288d0de10e0ba0632a0d993e15bf", "linux-image-6.1.0-57-amd64 (= 6.1.192-3)"), e);
        assertEquals("linux-image-6.1.0-57-amd64", DebianPackage.dependency(e.depends(), "linux-image-"));
        assertNull(DebianPackage.dependency("libc6 (>= 2.34), zlib1g | foo", "linux-image-"));
        assertNull(DebianPackage.parse("Package: x\nVersion: 1\n"), "no SHA256: not usable");
    }

    @Test
    void tarMembersAreSelectedByName() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        member(tar, "./boot/", '5', new byte[0]);
        member(tar, "./boot/vmlinuz-6.1.0-test", '0', "KERNEL".getBytes());
        member(tar, "./lib/modules/x.ko", '0', new byte[700]);
        member(tar, "./bin/busybox", '0', "BB".getBytes());
        tar.write(new byte[1024]);
        Map<String, byte[]> got = TarMembers.read(new ByteArrayInputStream(tar.toByteArray()),
                n -> n.startsWith("boot/vmlinuz-") || n.equals("bin/busybox"));
        assertEquals(2, got.size());
        assertArrayEquals("KERNEL".getBytes(), got.get("boot/vmlinuz-6.1.0-test"));
        assertArrayEquals("BB".getBytes(), got.get("bin/busybox"));
    }

    /** One ustar member: name, octal size, type flag, "ustar" magic; data padded to 512 bytes. */
    private static void member(ByteArrayOutputStream out, String name, char type, byte[] data) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, h, 0, n.length);
        byte[] size = String.format("%011o", data.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, h, 124, size.length);
        h[156] = (byte) type;
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 5);
        out.writeBytes(h);
        out.writeBytes(data);
        out.write(new byte[(512 - data.length % 512) % 512], 0, (512 - data.length % 512) % 512);
    }
}
