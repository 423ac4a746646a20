package dev.jvmm.devices.misc;

import dev.jvmm.core.bus.PortDevice;

/**
 * The POST diagnostic port 0x80: BIOSes and test guests write progress codes here, which a POST
 * card would show on its two 7-segment digits; Linux also writes to it as a tiny I/O delay.
 * jvmm keeps the last {@value #HISTORY} codes and a count, for traces and test assertions.
 * A read returns the last code written (as many chipsets do); before any write it reads 0xFF.
 * Wider writes keep only their low byte, as the POST card only latches data lines 0-7.
 * Not emulated: nothing else to emulate.
 */
public final class PostCodePort implements PortDevice {
    public static final int DEFAULT_PORT = 0x80;
    public static final int HISTORY = 64;

    private final int[] history = new int[HISTORY];
    private volatile long writes;
    private volatile int last = 0xFF;

    @Override
    public int read(int offset, int size) {
        return last;
    }

    @Override
    public void write(int offset, int size, int value) {
        int code = value & 0xFF;
        synchronized (history) {
            history[(int) (writes % HISTORY)] = code;
            writes++;
        }
        last = code;
    }

    /** The last code written, or -1 if none was. */
    public int lastCode() {
        return writes == 0 ? -1 : last;
    }

    /** How many codes were written in total. */
    public long count() {
        return writes;
    }

    /** The most recent codes (at most {@value #HISTORY}), oldest first. */
    public int[] recentCodes() {
        synchronized (history) {
            int n = (int) Math.min(writes, HISTORY);
            int[] out = new int[n];
            for (int i = 0; i < n; i++) out[i] = history[(int) ((writes - n + i) % HISTORY)];
            return out;
        }
    }

    @Override
    public String name() {
        return "post-code";
    }
}
