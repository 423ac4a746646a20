package dev.jvmm.guests.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class NewcArchiveTest {
    /** One member as read back: name, mode, rdev major/minor, data. */
    record Member(String name, int mode, int major, int minor, String data) {}

    /** Reads a newc archive the way the kernel's init/initramfs.c does: fixed header, padded name, padded data. */
    static List<Member> read(byte[] a) {
        List<Member> members = new ArrayList<>();
        int at = 0;
        while (true) {
            String h = new String(a, at, 110, StandardCharsets.US_ASCII);
            assertEquals("070701", h.substring(0, 6), "magic at " + at);
            int mode = field(h, 1), size = field(h, 6), major = field(h, 9), minor = field(h, 10), nameSize = field(h, 11);
            String name = new String(a, at + 110, nameSize - 1, StandardCharsets.UTF_8);
            assertEquals(0, a[at + 110 + nameSize - 1], "name is NUL-terminated");
            int data = (at + 110 + nameSize + 3) & ~3;
            if (name.equals("TRAILER!!!")) return members;
            members.add(new Member(name, mode, major, minor, new String(a, data, size, StandardCharsets.ISO_8859_1)));
            at = (data + size + 3) & ~3;
        }
    }

    private static int field(String header, int index) {
        return Integer.parseInt(header.substring(6 + 8 * index, 14 + 8 * index), 16);
    }

    @Test
    void membersComeBackAsWritten() {
        byte[] a = new NewcArchive().directory("dev", 0755).characterDevice("dev/console", 0600, 5, 1)
                .file("init", 0755, "#!/bin/sh\n".getBytes()).symlink("bin/sh", "busybox").toByteArray();
        assertEquals(0, a.length % 4);
        assertEquals(List.of(new Member("dev", 040755, 0, 0, ""), new Member("dev/console", 020600, 5, 1, ""),
                new Member("init", 0100755, 0, 0, "#!/bin/sh\n"), new Member("bin/sh", 0120777, 0, 0, "busybox")), read(a));
    }

    @Test
    void theInitramfsIsAGzipdArchiveWithInitAndBusybox() throws Exception {
        byte[] gz = Initramfs.build("BUSYBOX".getBytes(), LinuxGuest.initScript());
        byte[] cpio = new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
        List<Member> members = read(cpio);
        Member init = members.stream().filter(m -> m.name().equals("init")).findFirst().orElseThrow();
        assertTrue(init.data().startsWith("#!/bin/busybox sh\n"));
        assertEquals(0100755, init.mode());
        assertTrue(members.contains(new Member("bin/busybox", 0100755, 0, 0, "BUSYBOX")));
        assertTrue(members.contains(new Member("dev/console", 020600, 5, 1, "")));
    }
}
