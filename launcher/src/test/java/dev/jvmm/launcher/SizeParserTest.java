package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class SizeParserTest {
    @Test
    void plainNumbersAreMebibytesLikeQemu() {
        assertEquals(64L << 20, SizeParser.parseBytes("64"));
        assertEquals(64L << 20, SizeParser.parseBytes("64M"));
        assertEquals(1L << 30, SizeParser.parseBytes("1G"));
        assertEquals(1536L << 20, SizeParser.parseBytes("1.5g"));
        assertEquals(512L << 10, SizeParser.parseBytes("512K"));
        assertEquals(128L << 20, SizeParser.parseBytes("size=128M"));
    }

    @Test
    void garbageIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SizeParser.parseBytes("lots"));
        assertThrows(IllegalArgumentException.class, () -> SizeParser.parseBytes("-5"));
        assertThrows(IllegalArgumentException.class, () -> SizeParser.parseBytes(""));
        assertThrows(IllegalArgumentException.class, () -> SizeParser.parseBytes("99999999T"));
    }
}
