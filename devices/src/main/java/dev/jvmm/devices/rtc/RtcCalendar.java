package dev.jvmm.devices.rtc;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Calendar arithmetic for the RTC: epoch seconds to and from the clock's fields, and the register
 * encodings (BCD or binary, 12- or 24-hour). Field values here are always binary and 24-hour.
 */
final class RtcCalendar {
    static final int SEC = 0, MIN = 1, HOUR = 2, DOW = 3, DOM = 4, MONTH = 5, YEAR = 6, CENTURY = 7, FIELD_COUNT = 8;

    private RtcCalendar() {}

    /** The fields of UTC time {@code epochSeconds}; day of week 1 = Sunday as on the PC. */
    static int[] fields(long epochSeconds) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
        int[] f = new int[FIELD_COUNT];
        f[SEC] = t.getSecond();
        f[MIN] = t.getMinute();
        f[HOUR] = t.getHour();
        f[DOW] = t.getDayOfWeek().getValue() % 7 + 1;
        f[DOM] = t.getDayOfMonth();
        f[MONTH] = t.getMonthValue();
        f[YEAR] = Math.floorMod(t.getYear(), 100);
        f[CENTURY] = Math.floorDiv(t.getYear(), 100);
        return f;
    }

    /** Epoch seconds of {@code f}; out-of-range fields (a guest wrote nonsense) are clamped, never rejected. */
    static long epochSeconds(int[] f) {
        int year = clamp(f[CENTURY], 0, 99) * 100 + clamp(f[YEAR], 0, 99);
        int month = clamp(f[MONTH], 1, 12);
        int day = clamp(f[DOM], 1, YearMonth.of(year, month).lengthOfMonth());
        LocalDateTime t = LocalDateTime.of(year, month, day, clamp(f[HOUR], 0, 23), clamp(f[MIN], 0, 59),
                clamp(f[SEC], 0, 59));
        return t.toEpochSecond(ZoneOffset.UTC);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static int encode(int value, boolean binary) {
        return binary ? value & 0xff : (value / 10 % 10) << 4 | value % 10;
    }

    /** Register to binary; BCD nibbles above 9 are taken at face value (the chip does no checking either). */
    static int decode(int raw, boolean binary) {
        return binary ? raw & 0xff : (raw >> 4 & 0xf) * 10 + (raw & 0xf);
    }

    /** In 12-hour mode hours are 1-12 with bit 7 set for PM (datasheet "Time, calendar and alarm data modes"). */
    static int encodeHour(int hour24, boolean binary, boolean mode24) {
        if (mode24) return encode(hour24, binary);
        int h12 = hour24 % 12 == 0 ? 12 : hour24 % 12;
        return encode(h12, binary) | (hour24 >= 12 ? 0x80 : 0);
    }

    static int decodeHour(int raw, boolean binary, boolean mode24) {
        if (mode24) return decode(raw, binary);
        int h12 = decode(raw & 0x7f, binary);
        return h12 % 12 + ((raw & 0x80) != 0 ? 12 : 0);
    }
}
