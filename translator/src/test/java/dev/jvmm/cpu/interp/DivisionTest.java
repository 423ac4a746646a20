package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvmm.cpu.CpuException;
import org.junit.jupiter.api.Test;

/** {@link Division}: quotient and remainder packing and the #DE cases of DIV and IDIV (SDM vol. 2). */
class DivisionTest {
    private final CpuException fault = new CpuException();

    private static long packed(long quotient, long remainder) {
        return remainder << 32 | quotient;
    }

    private void assertDivideError(org.junit.jupiter.api.function.Executable division) {
        CpuException e = assertThrows(CpuException.class, division);
        assertSame(fault, e);
        assertEquals(CpuException.DE, e.vector);
        assertEquals(-1, e.errorCode);
    }

    @Test
    void unsignedQuotientAndRemainder() {
        assertEquals(packed(0x24, 0x03), Division.unsigned(1, 0x00FF, 7, fault)); // 255 / 7
        assertEquals(packed(0xFFFF, 0), Division.unsigned(2, 0xFFFF, 1, fault));
        assertEquals(packed(0xFFFF_FFFFL, 0xFFFF_FFFEL), Division.unsigned(4, 0xFFFF_FFFE_FFFF_FFFFL, 0xFFFF_FFFFL, fault));
    }

    @Test
    void unsignedDivideErrors() {
        assertDivideError(() -> Division.unsigned(4, 5, 0, fault));
        assertDivideError(() -> Division.unsigned(1, 0x100, 1, fault)); // quotient 256 does not fit in AL
        assertDivideError(() -> Division.unsigned(4, 0x8000_0000_0000_0000L, 1, fault)); // 2^63: negative as a Java long
    }

    @Test
    void signedQuotientTruncatesTowardZeroAndTheRemainderHasTheDividendsSign() {
        // each packed as 32 bits; the caller keeps the low operand-size bits
        assertEquals(packed(0xFFFF_FFFDL, 0xFFFF_FFFFL), Division.signed(1, 0xFFF9, 2, fault)); // -7 / 2 = -3 rem -1
        assertEquals(packed(0xFFFF_FFFDL, 1), Division.signed(2, 7, 0xFFFE, fault)); // 7 / -2 = -3 rem 1
        assertEquals(packed(0x7FFF_FFFFL, 0), Division.signed(4, 0x7FFF_FFFFL, 1, fault));
        assertEquals(packed(0x8000_0000L, 0), Division.signed(4, 0xFFFF_FFFF_8000_0000L, 1, fault)); // -2^31 fits
    }

    @Test
    void signedDivideErrors() {
        assertDivideError(() -> Division.signed(2, 1, 0, fault));
        assertDivideError(() -> Division.signed(1, 0xFF80, 0xFF, fault)); // -128 / -1 = 128 does not fit in AL
        assertDivideError(() -> Division.signed(4, Long.MIN_VALUE, 0xFFFF_FFFFL, fault)); // -2^63 / -1
        assertDivideError(() -> Division.signed(4, 0x8000_0000L, 1, fault)); // +2^31 does not fit
    }
}
