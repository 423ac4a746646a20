package dev.jvmm.devices.pit;

/**
 * One 8254 counter as a function of time. Instead of decrementing per input clock, the channel
 * remembers when its current count phase started and computes the counter value and OUT from the
 * elapsed ticks {@code d}, per the mode (8254 datasheet "Mode definitions"):
 * <pre>
 *   mode 0 interrupt on terminal count   OUT low, high at d = N (and stays)            gate low pauses
 *   mode 1 hardware one-shot             OUT low from the gate trigger until d = N     gate edge (re)starts
 *   mode 2 rate generator                OUT low for the tick before each reload        gate low stops, edge reloads
 *   mode 3 square wave                   OUT high for ceil(N/2) ticks, low for floor(N/2)  as mode 2
 *   mode 4 software strobe               OUT low for one tick at d = N                  gate low pauses
 *   mode 5 hardware strobe               OUT low for one tick at d = N after a trigger  gate edge (re)starts
 * </pre>
 * A count of 0 means 65536 (10000 in BCD). In modes 2 and 3 a new count written while counting takes
 * effect at the end of the current period; in modes 0 and 4 at once; in 1 and 5 at the next trigger.
 */
final class PitChannel {
    // Access modes (control word RW bits).
    static final int LATCH = 0, LOW = 1, HIGH = 2, LOW_HIGH = 3;

    int mode;
    int access = LOW_HIGH;
    boolean bcd;
    private boolean gate;

    private int countRegister;      // CR: the last count written (1..65536 / 1..10000)
    private int initial;            // the count the current phase started from
    private boolean loaded;         // a count was written since the control word
    private boolean triggered;      // modes 1/5: a gate edge has started the count; others: counting enabled
    private boolean nullCount;      // written but not yet in the counting element
    private long startTick;         // tick where elapsed counting resumed
    private long heldElapsed;       // elapsed ticks before startTick
    private boolean running;        // the clock is currently advancing the count
    private long reloadAtTick = -1; // modes 2/3: when the pending count takes over
    private int frozenValue;        // counter value shown between a control word and the first count

    // Register-access state.
    private boolean writeHighNext;
    private int writeLowByte;
    private boolean readHighNext;
    private boolean countLatched;
    private int latchedCount;
    private boolean latchReadHighNext;
    private boolean statusLatched;
    private int latchedStatus;

    PitChannel(boolean gate) {
        this.gate = gate;
    }

    // ---- time ----

    private int modulus() {
        return bcd ? 10_000 : 0x10000;
    }

    private long elapsed(long now) {
        return heldElapsed + (running ? now - startTick : 0);
    }

    /** Applies a pending mode 2/3 reload whose time has come. */
    private void settle(long now) {
        if (reloadAtTick >= 0 && running && now >= reloadAtTick) {
            initial = countRegister;
            startTick = reloadAtTick;
            heldElapsed = 0;
            reloadAtTick = -1;
            nullCount = false;
        }
    }

    private void restart(long now) {
        initial = countRegister;
        heldElapsed = 0;
        startTick = now;
        running = true;
        reloadAtTick = -1;
        nullCount = false;
    }

    /** The counting element's value at tick {@code now} (binary, 0..65535). */
    int count(long now) {
        settle(now);
        if (!loaded) return frozenValue;
        if (!triggered) return countRegister % modulus();
        long d = elapsed(now);
        long n = initial;
        long v = switch (mode) {
            case 2 -> n - d % n;
            case 3 -> squareWaveCount(d % n, n);
            default -> Math.floorMod(n - d, (long) modulus());
        };
        return (int) (v % modulus());
    }

    /**
     * Mode 3 counts by two through each half period (8254 datasheet, mode 3): an even N shows N, N-2 .. 2
     * in both halves; an odd N loads N-1 and shows N-1 .. 0 for the (N+1)/2 high ticks, then N-1 .. 2 for
     * the (N-1)/2 low ticks.
     */
    private static long squareWaveCount(long phase, long n) {
        long high = (n + 1) / 2;
        if (n % 2 == 0) return n - 2 * (phase < high ? phase : phase - high);
        return n - 1 - 2 * (phase < high ? phase : phase - high);
    }

    /** OUT at tick {@code now}. */
    boolean out(long now) {
        settle(now);
        if (!loaded) return mode != 0;
        if (!triggered) return mode != 0; // mode 0 after a control word is low; modes 1/5 wait high
        long d = elapsed(now);
        long n = initial;
        return switch (mode) {
            case 0, 1 -> d >= n;
            case 2 -> !running || n < 2 || d % n != n - 1;
            case 3 -> !running || d % n < (n + 1) / 2;
            default -> d != n; // 4, 5
        };
    }

    /** The next tick after {@code now} at which OUT rises, or -1 if it never does without new input. */
    long nextRisingEdge(long now) {
        settle(now);
        if (!loaded || !triggered || !running) return -1;
        long d = elapsed(now);
        long n = initial;
        long edge = switch (mode) {
            case 0, 1 -> d < n ? n : -1;
            case 2, 3 -> (d / n + 1) * n;
            default -> d < n + 1 ? n + 1 : -1;
        };
        return edge < 0 ? -1 : startTick + edge - heldElapsed;
    }

    // ---- programming ----

    /** A control word for this channel (not a latch command). */
    void program(int rw, int newMode, boolean newBcd, long now) {
        frozenValue = loaded ? count(now) : frozenValue;
        access = rw;
        mode = newMode > 5 ? newMode - 4 : newMode; // 6 and 7 are aliases of 2 and 3
        bcd = newBcd;
        loaded = false;
        triggered = false;
        running = false;
        nullCount = true;
        reloadAtTick = -1;
        writeHighNext = false;
        readHighNext = false;
        countLatched = false;
        statusLatched = false;
    }

    void writeData(int value, long now) {
        settle(now);
        switch (access) {
            case LOW -> loadCount(value, now);
            case HIGH -> loadCount(value << 8, now);
            default -> {
                if (!writeHighNext) {
                    writeLowByte = value;
                    writeHighNext = true;
                    // Mode 0: writing the first byte stops the count and drops OUT (datasheet mode 0).
                    if (mode == 0 && loaded) {
                        frozenValue = count(now);
                        loaded = false;
                    }
                } else {
                    writeHighNext = false;
                    loadCount(writeLowByte | value << 8, now);
                }
            }
        }
    }

    private void loadCount(int raw, long now) {
        int n = bcd ? fromBcd(raw) : raw;
        if (n == 0) n = modulus();
        countRegister = n;
        nullCount = true;
        boolean first = !loaded;
        loaded = true;
        switch (mode) {
            case 0, 4 -> {
                triggered = true;
                restart(now);
                if (!gate) pause(now);
            }
            case 2, 3 -> {
                if (first || !triggered) {
                    triggered = true;
                    restart(now);
                    if (!gate) pause(now);
                } else if (running) {
                    long d = elapsed(now);
                    reloadAtTick = startTick - heldElapsed + (d / initial + 1) * initial;
                }
            }
            default -> { } // 1, 5: the next gate trigger loads it
        }
    }

    private void pause(long now) {
        heldElapsed = elapsed(now);
        running = false;
    }

    /** The gate input changed (channel 2: port 0x61 bit 0; channels 0/1 are tied high). */
    void setGate(boolean level, long now) {
        settle(now);
        boolean rising = level && !gate;
        gate = level;
        if (!loaded) return;
        switch (mode) {
            case 0, 4 -> {
                if (!level && running) pause(now);
                else if (level && !running) {
                    startTick = now;
                    running = true;
                }
            }
            case 1, 5 -> {
                if (rising) {
                    triggered = true;
                    restart(now);
                }
            }
            default -> { // 2, 3: low stops (OUT high), rising edge reloads
                if (!level) pause(now);
                else if (rising) restart(now);
            }
        }
    }

    boolean gate() {
        return gate;
    }

    // ---- reading ----

    /** Counter latch command: freezes the current count for reading (ignored if already latched). */
    void latchCount(long now) {
        if (countLatched) return;
        latchedCount = toOutput(count(now));
        countLatched = true;
        latchReadHighNext = false;
    }

    /** Read-back status latch: OUT, null count, RW, mode, BCD (8254 datasheet "Read-back command"). */
    void latchStatus(long now) {
        if (statusLatched) return;
        latchedStatus = (out(now) ? 0x80 : 0) | (nullCount ? 0x40 : 0) | access << 4 | mode << 1 | (bcd ? 1 : 0);
        statusLatched = true;
    }

    int readData(long now) {
        if (statusLatched) {
            statusLatched = false;
            return latchedStatus;
        }
        if (countLatched) {
            int v;
            switch (access) {
                case LOW -> { v = latchedCount & 0xFF; countLatched = false; }
                case HIGH -> { v = latchedCount >>> 8; countLatched = false; }
                default -> {
                    v = latchReadHighNext ? latchedCount >>> 8 : latchedCount & 0xFF;
                    if (latchReadHighNext) countLatched = false;
                    latchReadHighNext = !latchReadHighNext;
                }
            }
            return v;
        }
        int value = toOutput(count(now));
        return switch (access) {
            case LOW -> value & 0xFF;
            case HIGH -> value >>> 8;
            default -> {
                int v = readHighNext ? value >>> 8 : value & 0xFF;
                readHighNext = !readHighNext;
                yield v;
            }
        };
    }

    private int toOutput(int value) {
        return bcd ? toBcd(value) : value & 0xFFFF;
    }

    static int toBcd(int value) {
        value %= 10_000;
        return value / 1000 << 12 | value / 100 % 10 << 8 | value / 10 % 10 << 4 | value % 10;
    }

    /** BCD to binary; invalid nibbles (A-F) count as their binary value, as a decade counter would misbehave. */
    static int fromBcd(int bcd) {
        return (bcd >>> 12 & 0xF) * 1000 + (bcd >>> 8 & 0xF) * 100 + (bcd >>> 4 & 0xF) * 10 + (bcd & 0xF);
    }
}
