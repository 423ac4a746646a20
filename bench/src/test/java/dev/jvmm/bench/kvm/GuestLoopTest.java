package dev.jvmm.bench.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GuestLoopTest {
    @Test
    void theExitCountIsPatchedLittleEndianIntoMovEcx() {
        byte[] code = GuestLoop.code(0x0102_0304);
        assertEquals("66b904030201", GuestLoop.hex(code).substring(0, 12));
    }

    @Test
    void theLoopJumpsBackToMovAlCl() {
        byte[] code = GuestLoop.code(5);
        int jnz = GuestLoop.hex(code).indexOf("75") / 2;
        int target = jnz + 2 + code[jnz + 1]; // rel8 is relative to the next instruction
        assertEquals((byte) 0x88, code[target]);
        assertEquals((byte) 0xC8, code[target + 1]);
    }

    @Test
    void expectedChecksumIsTheSumOfTheCounterLowBytes() {
        for (int n : new int[] {1, 255, 256, 257, 1000, 20_000, 65_537}) {
            long sum = 0;
            for (int i = n; i >= 1; i--) sum += i & 0xFF;
            assertEquals(sum, GuestLoop.expectedChecksum(n), "n=" + n);
        }
    }

    @Test
    void aGuestWithoutExitsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GuestLoop.code(0));
    }

    @Test
    void theCProgramCarriesTheSameTemplate() throws IOException {
        Path source = CBaseline.findSource(java.util.List.of(Path.of("src", "main", "c", CBaseline.SOURCE_NAME),
                Path.of("bench", "src", "main", "c", CBaseline.SOURCE_NAME)));
        String c = Files.readString(source).replaceAll("/\\*.*?\\*/", "");
        int start = c.indexOf("GUEST[] = {"), end = c.indexOf("};", start);
        StringBuilder hex = new StringBuilder();
        for (String b : c.substring(start + "GUEST[] = {".length(), end).split(",")) {
            if (b.isBlank()) continue;
            hex.append(String.format("%02x", Integer.decode(b.strip())));
        }
        assertEquals(GuestLoop.hex(GuestLoop.code(1)).replace("01000000", "00000000"), hex.toString());
    }
}
