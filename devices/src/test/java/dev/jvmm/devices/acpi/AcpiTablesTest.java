package dev.jvmm.devices.acpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvmm.core.memory.GuestMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables read back from guest memory the way an OS finds them: the RSDP by a scan of the BIOS area,
 * everything else through its pointers; with acpica's disassembler ({@code iasl -d}) as the outside
 * judge when it is installed.
 */
class AcpiTablesTest {
    private final GuestMemory memory = GuestMemory.create(16 << 20);

    @AfterEach
    void close() {
        memory.close();
    }

    private String signature(long at) {
        byte[] b = new byte[4];
        memory.readBytes(at, b, 0, 4);
        return new String(b, StandardCharsets.US_ASCII);
    }

    private byte[] table(long at) {
        int length = memory.read32(at + 4);
        byte[] b = new byte[length];
        memory.readBytes(at, b, 0, length);
        return b;
    }

    private static int sum(byte[] b, int length) {
        int s = 0;
        for (int i = 0; i < length; i++) s += b[i];
        return s & 0xFF;
    }

    /** Linux's acpi_find_root_pointer: 16-byte steps through 0xE0000-0xFFFFF for "RSD PTR " with a good checksum. */
    private long scanForRsdp() {
        for (long a = 0xE0000; a < 0x100000; a += 16) {
            if (memory.read64(a) != 0x2052545020445352L) continue; // "RSD PTR " little-endian
            byte[] b = new byte[20];
            memory.readBytes(a, b, 0, 20);
            if (sum(b, 20) == 0) return a;
        }
        return -1;
    }

    private List<Long> rsdtEntries(long rsdt, int width) {
        byte[] t = table(rsdt);
        List<Long> out = new ArrayList<>();
        for (int at = 36; at < t.length; at += width) out.add(width == 4 ? memory.read32(rsdt + at) & 0xFFFF_FFFFL : memory.read64(rsdt + at));
        return out;
    }

    @Test
    void theRsdpIsFoundByTheBiosAreaScanAndEveryTableSumsToZero() {
        AcpiTables.Layout layout = AcpiTables.install(memory, 1);
        long rsdp = scanForRsdp();
        assertEquals(layout.rsdp(), rsdp);
        byte[] r = new byte[36];
        memory.readBytes(rsdp, r, 0, 36);
        assertEquals(2, r[15], "revision 2: the XSDT is there");
        assertEquals(36, memory.read32(rsdp + 20));
        assertEquals(0, sum(r, 36), "extended checksum");
        long rsdt = memory.read32(rsdp + 16) & 0xFFFF_FFFFL;
        long xsdt = memory.read64(rsdp + 24);
        assertEquals("RSDT", signature(rsdt));
        assertEquals("XSDT", signature(xsdt));
        List<Long> tables = rsdtEntries(rsdt, 4);
        assertEquals(tables, rsdtEntries(xsdt, 8), "RSDT and XSDT list the same tables");
        List<String> signatures = new ArrayList<>();
        for (long t : tables) signatures.add(signature(t));
        assertEquals(List.of("FACP", "APIC"), signatures);
        long fadt = tables.get(0);
        long dsdt = memory.read32(fadt + 40) & 0xFFFF_FFFFL;
        assertEquals("DSDT", signature(dsdt));
        assertEquals(dsdt, memory.read64(fadt + 140), "X_DSDT agrees");
        for (long t : List.of(rsdt, xsdt, fadt, tables.get(1), dsdt)) {
            byte[] b = table(t);
            assertEquals(0, sum(b, b.length), signature(t) + " checksum");
            assertTrue(t >= 0xE0000 && t + b.length <= 0x100000, signature(t) + " in the BIOS area");
        }
        long facs = memory.read32(fadt + 36) & 0xFFFF_FFFFL;
        assertEquals("FACS", signature(facs));
        assertEquals(64, memory.read32(facs + 4));
        assertEquals(0, facs % 64, "the FACS is 64-byte aligned");
        assertEquals(0, memory.read64(fadt + 132), "X_FIRMWARE_CTRL is 0: the FACS is listed once, below 4 GiB");
    }

    @Test
    void theFadtPointsAtThePmBlockAndTheResetRegister() {
        long fadt = AcpiTables.install(memory, 1).fadt();
        assertEquals(276, memory.read32(fadt + 4));
        assertEquals(6, memory.read8(fadt + 8), "revision 6");
        assertEquals(5, memory.read8(fadt + 131), "minor version 5");
        assertEquals(9, memory.read16(fadt + 46), "SCI_INT");
        assertEquals(0, memory.read32(fadt + 48), "no SMI_CMD");
        assertEquals(0x600, memory.read32(fadt + 56), "PM1a_EVT_BLK");
        assertEquals(0x604, memory.read32(fadt + 64), "PM1a_CNT_BLK");
        assertEquals(0x608, memory.read32(fadt + 76), "PM_TMR_BLK");
        assertEquals(0x02_04, memory.read16(fadt + 88) & 0xFFFF, "PM1_EVT_LEN 4, PM1_CNT_LEN 2");
        assertEquals(4, memory.read8(fadt + 91), "PM_TMR_LEN");
        int flags = memory.read32(fadt + 112);
        assertTrue((flags & 1 << 8) != 0, "TMR_VAL_EXT: a 32-bit timer");
        assertTrue((flags & 1 << 10) != 0, "RESET_REG_SUP");
        assertEquals(1, memory.read8(fadt + 116), "reset register in system I/O space");
        assertEquals(0xCF9, memory.read64(fadt + 120));
        assertEquals(6, memory.read8(fadt + 128), "reset value");
        assertEquals(0x604, memory.read64(fadt + 172 + 4), "X_PM1a_CNT_BLK agrees");
        assertEquals(16, memory.read8(fadt + 172 + 1), "X_PM1a_CNT_BLK is 16 bits wide");
        assertEquals(0x608, memory.read64(fadt + 208 + 4), "X_PM_TMR_BLK agrees");
    }

    /** The MADT's entries as {type, length, offset} walked from offset 44 to the table's end. */
    private List<int[]> madtEntries(long madt) {
        int length = memory.read32(madt + 4);
        List<int[]> out = new ArrayList<>();
        int at = 44;
        while (at < length) {
            int len = memory.read8(madt + at + 1);
            assertTrue(len >= 2, "entry length at offset " + at);
            out.add(new int[] {memory.read8(madt + at), len, at});
            at += len;
        }
        assertEquals(length, at, "the entries fill the table exactly");
        return out;
    }

    @Test
    void theMadtListsEveryCpuTheIoapicAndTheOverrides() {
        long madt = AcpiTables.install(memory, 4).madt();
        assertEquals(0xFEE00000, memory.read32(madt + 36), "local APIC address");
        assertEquals(1, memory.read32(madt + 40), "PCAT_COMPAT: there are 8259s to mask");
        List<Integer> apicIds = new ArrayList<>();
        int ioapics = 0;
        List<String> overrides = new ArrayList<>();
        for (int[] e : madtEntries(madt)) {
            long at = madt + e[2];
            switch (e[0]) {
                case 0 -> {
                    assertEquals(8, e[1]);
                    assertEquals(1, memory.read32(at + 4), "enabled");
                    assertEquals(memory.read8(at + 2), memory.read8(at + 3), "ACPI UID = APIC ID");
                    apicIds.add(memory.read8(at + 3));
                }
                case 1 -> {
                    ioapics++;
                    assertEquals(0xFEC00000, memory.read32(at + 4));
                    assertEquals(0, memory.read32(at + 8), "GSI base");
                }
                case 2 -> overrides.add(memory.read8(at + 3) + "->" + memory.read32(at + 4) + " flags " + memory.read16(at + 8));
                case 4 -> assertEquals(1, memory.read8(at + 5), "NMI on LINT1");
                default -> throw new AssertionError("unexpected MADT entry type " + e[0]);
            }
        }
        assertEquals(List.of(0, 1, 2, 3), apicIds);
        assertEquals(1, ioapics);
        assertEquals(List.of("0->2 flags 0", "9->9 flags 13"), overrides, "IRQ9: active high (01), level (11)");
    }

    @Test
    void badCpuCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AcpiTables.install(memory, 0));
        assertThrows(IllegalArgumentException.class, () -> AcpiTables.install(memory, 256));
    }

    private static boolean iaslInstalled() {
        try {
            Process p = new ProcessBuilder("iasl", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String disassemble(Path dir, String name, byte[] table) throws Exception {
        Path file = dir.resolve(name + ".dat");
        Files.write(file, table);
        Process p = new ProcessBuilder("iasl", "-d", file.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "iasl finished");
        assertEquals(0, p.exitValue(), "iasl -d " + name + ":\n" + log);
        return Files.readString(dir.resolve(name + ".dsl"));
    }

    @Test
    void acpicaDisassemblesEveryTableWithoutComplaint(@TempDir Path dir) throws Exception {
        assumeTrue(iaslInstalled(), "iasl (acpica-tools) is not installed");
        AcpiTables.Layout layout = AcpiTables.install(memory, 2);
        for (long t : List.of(layout.rsdt(), layout.xsdt(), layout.fadt(), layout.madt(), layout.dsdt())) {
            String name = signature(t).toLowerCase();
            String dsl = disassemble(dir, name, table(t));
            assertFalse(dsl.contains("Incorrect") || dsl.contains("Error") || dsl.contains("Warning"), name + ":\n" + dsl);
            if (name.equals("dsdt")) {
                assertTrue(dsl.replaceAll("//[^\n]*", "").matches("(?s).*Name \\(\\\\?_S5, Package \\(0x04\\)\\s*\\{\\s*0x05,\\s*0x05,\\s*Zero,\\s*Zero\\s*}.*"), dsl);
            }
            if (name.equals("apic")) {
                assertEquals(2, dsl.split("Subtable Type : 00 \\[Processor Local APIC\\]", -1).length - 1, dsl);
            }
        }
    }
}
