package dev.jvmm.devices.fwcfg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The traditional fw_cfg interface as QEMU's docs/specs/fw_cfg.rst describes it. */
class FwCfgTest {
    private final FwCfg fw = new FwCfg();

    private long readItem(int key, int bytes) {
        fw.write(0, 2, key);
        long v = 0;
        for (int i = 0; i < bytes; i++) v |= (long) fw.read(1, 1) << (8 * i);
        return v;
    }

    @Test
    void signatureAndId() {
        assertEquals(0x554D4551L, readItem(FwCfg.SIGNATURE, 4), "'QEMU'");
        assertEquals(1, readItem(FwCfg.ID, 4), "traditional interface, no DMA");
    }

    @Test
    void littleEndianNumbersAndZerosPastTheEnd() {
        fw.putU16(FwCfg.NB_CPUS, 1);
        fw.putU64(FwCfg.RAM_SIZE, 256L << 20);
        assertEquals(1, readItem(FwCfg.NB_CPUS, 2));
        assertEquals(1, readItem(FwCfg.NB_CPUS, 8), "bytes past an item read 0");
        assertEquals(256L << 20, readItem(FwCfg.RAM_SIZE, 8));
        assertEquals(0, readItem(0x1234, 4), "a key with no item reads 0");
        fw.write(0, 2, FwCfg.RAM_SIZE);
        assertEquals(0, fw.read(1, 2), "a 16-bit read takes two bytes (low first)");
        assertEquals(0x1000, fw.read(1, 2));
        fw.write(1, 1, 0x55); // the write channel is gone: ignored
        fw.write(0, 2, FwCfg.RAM_SIZE);
        assertEquals(0, fw.read(1, 1), "selecting rewinds");
    }

    @Test
    void fileDirectoryIsBigEndian() {
        int key = fw.addFile("etc/e820", new byte[20]);
        assertEquals(FwCfg.FILE_FIRST, key);
        fw.write(0, 2, FwCfg.FILE_DIR);
        int[] b = new int[4 + 64];
        for (int i = 0; i < b.length; i++) b[i] = fw.read(1, 1);
        assertEquals(1, b[3], "count, big-endian");
        assertEquals(20, (b[4] << 24) | (b[5] << 16) | (b[6] << 8) | b[7], "size");
        assertEquals(FwCfg.FILE_FIRST, (b[8] << 8) | b[9], "select");
        StringBuilder name = new StringBuilder();
        for (int i = 12; b[i] != 0; i++) name.append((char) b[i]);
        assertEquals("etc/e820", name.toString());
        assertEquals(20, fw.item(key).length);
        assertEquals("QEMU", new String(fw.item(FwCfg.SIGNATURE), StandardCharsets.US_ASCII));
    }
}
