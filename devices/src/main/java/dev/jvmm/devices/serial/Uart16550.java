package dev.jvmm.devices.serial;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.irq.IrqLine;
import dev.jvmm.devices.ByteRegisterDevice;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A National Semiconductor PC16550D UART (the "16550A" of PCs), eight registers at COM1 0x3f8 /
 * COM2 0x2f8.
 *
 * <p>Registers by offset (DLAB = LCR bit 7): 0 RBR (read) / THR (write) / DLL; 1 IER / DLM; 2 IIR (read)
 * / FCR (write); 3 LCR; 4 MCR; 5 LSR; 6 MSR; 7 SCR. Transmission is instantaneous: a byte written to
 * THR is handed to the {@link SerialSink} at once and THR/TSR are empty again (LSR THRE and TEMT stay
 * set), which guests cannot tell from a very fast line. In loopback (MCR bit 4) the byte goes to the
 * receiver instead and the modem outputs feed the modem-status inputs (datasheet "MCR bit 4").
 *
 * <p>Input: any thread calls {@link #offerInput}; the bytes wait in a {@link ByteInbox} and a
 * {@link TimerQueue#post posted} event moves them into the receiver on the vCPU thread, only as far
 * as the RX FIFO (or, with FIFOs off, the one-byte holding register) has room. The rest waits until
 * the guest reads RBR, so host input is never overrun — hardware flow control, as it were.
 *
 * <p>Interrupts, highest priority first (datasheet table "Interrupt Control Functions", IIR values):
 * receiver line status 0x6 (overrun), received data available 0x4 (FIFO at trigger level, or any byte
 * with FIFOs off), character timeout 0xC (data below the trigger level untouched for four character
 * times, timed on the {@link TimerQueue}), THR empty 0x2, modem status 0x0. The IRQ line is the OR of
 * the enabled, pending sources; because it is recomputed from state on every access, re-enabling a
 * source in IER with its condition still true raises the line again (the lost-input bug of VMMs that
 * only signal on the arrival of a byte does not occur). Enabling ETBEI with THR empty raises a THRE
 * interrupt, as a real 16550 does (Linux's UART_BUG_THRE test relies on it).
 *
 * <p>Not emulated: baud-rate timing of transmission (bytes leave at once; the divisor only sets the
 * character-timeout delay), parity/framing errors and break (LSR bits 2-4 and 7 never set; LCR break
 * is stored but sends nothing), the TX FIFO as a queue, DMA mode (FCR bit 3), MCR OUT2 gating of the
 * IRQ (the line is driven regardless, as QEMU does), modem-status inputs other than the fixed
 * DCD/DSR/CTS of a connected cable.
 */
public final class Uart16550 extends ByteRegisterDevice {
    /** Standard PC addresses and IRQs. */
    public static final int COM1_PORT = 0x3f8, COM2_PORT = 0x2f8, COM1_IRQ = 4, COM2_IRQ = 3;
    /** Number of ports a UART decodes. */
    public static final int PORT_COUNT = 8;
    /** Depth of the receive and transmit FIFOs. */
    public static final int FIFO_SIZE = 16;
    /** The clock crystal of a PC serial port: 1.8432 MHz, i.e. 115200 baud at divisor 1 (x16 sampling). */
    public static final long CRYSTAL_HZ = 1_843_200;

    // Register offsets.
    static final int RBR_THR_DLL = 0, IER_DLM = 1, IIR_FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7;
    // IER bits.
    static final int IER_RDA = 0x01, IER_THRE = 0x02, IER_RLS = 0x04, IER_MS = 0x08;
    // IIR identities.
    static final int IIR_NONE = 0x01, IIR_RLS = 0x06, IIR_RDA = 0x04, IIR_TIMEOUT = 0x0C, IIR_THRE = 0x02,
            IIR_MS = 0x00, IIR_FIFO_ENABLED = 0xC0;
    // LSR bits.
    static final int LSR_DR = 0x01, LSR_OE = 0x02, LSR_ERRORS = 0x1E, LSR_THRE = 0x20, LSR_TEMT = 0x40;
    // MCR bits.
    static final int MCR_DTR = 0x01, MCR_RTS = 0x02, MCR_OUT1 = 0x04, MCR_OUT2 = 0x08, MCR_LOOP = 0x10;
    // MSR bits: deltas in the low nibble, line states in the high nibble.
    static final int MSR_DCTS = 0x01, MSR_DDSR = 0x02, MSR_TERI = 0x04, MSR_DDCD = 0x08,
            MSR_CTS = 0x10, MSR_DSR = 0x20, MSR_RI = 0x40, MSR_DCD = 0x80;
    private static final int[] TRIGGER_LEVELS = {1, 4, 8, 14};

    private final String name;
    private final IrqLine irq;
    private final TimerQueue timers;
    private final TimerQueue.Timer timeoutTimer;
    private final ByteInbox inbox = new ByteInbox(4096);
    private final AtomicBoolean drainPosted = new AtomicBoolean();
    private volatile SerialSink sink;

    private final byte[] rxFifo = new byte[FIFO_SIZE];
    private int rxHead, rxCount;
    private int lastRead;
    private int ier, lcr, mcr, scr;
    private int divisor = 12; // 9600 baud, until the guest programs one
    private boolean fifoEnabled;
    private int rxTrigger = 1;
    private int lineErrors;      // LSR bits 1-4, cleared when LSR is read
    private int modemStatus;     // MSR high nibble
    private int modemDeltas;     // MSR low nibble, cleared when MSR is read
    private int cableLines = MSR_DCD | MSR_DSR | MSR_CTS;
    private boolean thrEmptyPending;
    private boolean timeoutPending;
    private boolean irqLevel;
    private long bytesTransmitted, bytesReceived, overruns;

    /**
     * @param name   for traces, e.g. "com1"
     * @param irq    the interrupt line (IRQ4 for COM1)
     * @param timers the machine's timer queue (character timeout, input hand-over)
     * @param sink   where transmitted bytes go
     */
    public Uart16550(String name, IrqLine irq, TimerQueue timers, SerialSink sink) {
        super(PORT_COUNT);
        this.name = name;
        this.irq = irq;
        this.timers = timers;
        this.sink = sink;
        this.timeoutTimer = timers.newTimer(this::characterTimeout);
        this.modemStatus = cableLines;
    }

    @Override
    public String name() {
        return name + "-uart-16550a";
    }

    /** Replaces the output sink (thread-safe; the next byte goes to the new sink). */
    public void setSink(SerialSink sink) {
        this.sink = sink;
    }

    public SerialSink sink() {
        return sink;
    }

    /**
     * Thread-safe: queues host input for the guest. Returns how many bytes were accepted (fewer than
     * {@code len} when 4 KiB are already waiting; the caller retries later).
     */
    public int offerInput(byte[] data, int off, int len) {
        int n = inbox.offer(data, off, len);
        if (n > 0 && drainPosted.compareAndSet(false, true)) timers.post(this::drainInboxEvent);
        return n;
    }

    /** Bytes accepted by {@link #offerInput} that the guest's receiver has not taken yet. */
    public int inputWaiting() {
        return inbox.size();
    }

    public long bytesTransmitted() {
        return bytesTransmitted;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    public long overruns() {
        return overruns;
    }

    // ---- register access (vCPU thread) ----

    @Override
    protected int readByte(int offset) {
        boolean dlab = (lcr & 0x80) != 0;
        return switch (offset) {
            case RBR_THR_DLL -> dlab ? divisor & 0xFF : readRbr();
            case IER_DLM -> dlab ? divisor >>> 8 : ier;
            case IIR_FCR -> readIir();
            case LCR -> lcr;
            case MCR -> mcr;
            case LSR -> readLsr();
            case MSR -> readMsr();
            default -> scr;
        };
    }

    @Override
    protected void writeByte(int offset, int value) {
        boolean dlab = (lcr & 0x80) != 0;
        switch (offset) {
            case RBR_THR_DLL -> {
                if (dlab) setDivisor((divisor & 0xFF00) | value);
                else transmit(value);
            }
            case IER_DLM -> {
                if (dlab) setDivisor((divisor & 0x00FF) | (value << 8));
                else writeIer(value);
            }
            case IIR_FCR -> writeFcr(value);
            case LCR -> lcr = value;
            case MCR -> writeMcr(value);
            case LSR, MSR -> { } // read-only on the 16550; writes are ignored (factory test use only)
            default -> scr = value;
        }
        updateIrq();
    }

    private void setDivisor(int d) {
        divisor = d & 0xFFFF;
    }

    private int readRbr() {
        if (rxCount > 0) {
            lastRead = rxFifo[rxHead] & 0xFF;
            rxHead = (rxHead + 1) % FIFO_SIZE;
            rxCount--;
        }
        // Reading RBR resets the character-timeout indication and restarts its timer.
        timeoutPending = false;
        drainInbox();
        restartTimeoutTimer();
        updateIrq();
        return lastRead;
    }

    private int readIir() {
        int id = highestPendingInterrupt();
        // Reading IIR while it reports THR empty is the acknowledgement of that interrupt.
        if (id == IIR_THRE) {
            thrEmptyPending = false;
            updateIrq();
        }
        return id | (fifoEnabled ? IIR_FIFO_ENABLED : 0);
    }

    private int readLsr() {
        int v = (rxCount > 0 ? LSR_DR : 0) | lineErrors | LSR_THRE | LSR_TEMT;
        lineErrors = 0;
        updateIrq();
        return v;
    }

    private int readMsr() {
        int v = modemStatus | modemDeltas;
        modemDeltas = 0;
        updateIrq();
        return v;
    }

    private void writeIer(int value) {
        int old = ier;
        ier = value & 0x0F;
        // 16550 behaviour: enabling the THRE interrupt while THR is empty interrupts at once.
        if ((ier & IER_THRE) != 0 && (old & IER_THRE) == 0) thrEmptyPending = true;
    }

    private void writeFcr(int value) {
        boolean enable = (value & 0x01) != 0;
        if (enable != fifoEnabled) {
            clearRx();
        }
        fifoEnabled = enable;
        // FCR bits 1-7 are only programmed when bit 0 is set in the same write (datasheet, FCR).
        if (!enable) return;
        if ((value & 0x02) != 0) clearRx();
        // bit 2 clears the TX FIFO: transmission is instantaneous, so it is always empty.
        rxTrigger = TRIGGER_LEVELS[(value >>> 6) & 3];
        drainInbox();
    }

    private void clearRx() {
        rxHead = 0;
        rxCount = 0;
        timeoutPending = false;
        timers.cancel(timeoutTimer);
    }

    private void writeMcr(int value) {
        boolean wasLoop = (mcr & MCR_LOOP) != 0;
        mcr = value & 0x1F;
        updateModemStatus();
        if (wasLoop && (mcr & MCR_LOOP) == 0) drainInbox();
    }

    private void updateModemStatus() {
        int lines;
        if ((mcr & MCR_LOOP) != 0) {
            // Loopback wiring (datasheet MCR bit 4): DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD.
            lines = ((mcr & MCR_RTS) != 0 ? MSR_CTS : 0) | ((mcr & MCR_DTR) != 0 ? MSR_DSR : 0)
                    | ((mcr & MCR_OUT1) != 0 ? MSR_RI : 0) | ((mcr & MCR_OUT2) != 0 ? MSR_DCD : 0);
        } else {
            lines = cableLines;
        }
        int changed = lines ^ modemStatus;
        if ((changed & MSR_CTS) != 0) modemDeltas |= MSR_DCTS;
        if ((changed & MSR_DSR) != 0) modemDeltas |= MSR_DDSR;
        if ((changed & MSR_DCD) != 0) modemDeltas |= MSR_DDCD;
        // TERI is set on the trailing edge of RI only (RI going inactive).
        if ((changed & MSR_RI) != 0 && (lines & MSR_RI) == 0) modemDeltas |= MSR_TERI;
        modemStatus = lines;
    }

    private void transmit(int value) {
        if ((mcr & MCR_LOOP) != 0) {
            receive(value);
        } else {
            sink.write(value);
        }
        bytesTransmitted++;
        // THR and the shift register are empty again at once: a new THRE interrupt is due.
        thrEmptyPending = true;
    }

    // ---- receiver ----

    private int rxCapacity() {
        return fifoEnabled ? FIFO_SIZE : 1;
    }

    /** A character arrives at the receiver; overrun if there is no room (datasheet LSR bit 1). */
    private void receive(int value) {
        if (rxCount >= rxCapacity()) {
            lineErrors |= LSR_OE;
            overruns++;
            return;
        }
        rxFifo[(rxHead + rxCount) % FIFO_SIZE] = (byte) value;
        rxCount++;
        bytesReceived++;
        restartTimeoutTimer();
    }

    private void drainInboxEvent() {
        drainPosted.set(false);
        drainInbox();
        updateIrq();
    }

    /** Moves host input into the receiver while it has room (not in loopback: the line is cut then). */
    private void drainInbox() {
        if ((mcr & MCR_LOOP) != 0) return;
        while (rxCount < rxCapacity()) {
            int b = inbox.poll();
            if (b < 0) return;
            receive(b);
        }
    }

    private void restartTimeoutTimer() {
        if (fifoEnabled && rxCount > 0) {
            timers.schedule(timeoutTimer, timers.clock().nanos() + 4 * characterNanos());
        } else {
            timers.cancel(timeoutTimer);
        }
    }

    /** The time one character takes on the line: start + data + parity + stop bits, at 16 clocks per bit. */
    long characterNanos() {
        int bits = 1 + 5 + (lcr & 3) + ((lcr & 0x08) != 0 ? 1 : 0) + ((lcr & 0x04) != 0 ? 2 : 1);
        long d = divisor == 0 ? 0x10000 : divisor;
        return bits * 16L * d * 1_000_000_000L / CRYSTAL_HZ;
    }

    private void characterTimeout() {
        if (fifoEnabled && rxCount > 0) {
            timeoutPending = true;
            updateIrq();
        }
    }

    // ---- interrupts ----

    int highestPendingInterrupt() {
        if ((ier & IER_RLS) != 0 && lineErrors != 0) return IIR_RLS;
        if ((ier & IER_RDA) != 0 && rxCount > 0) {
            if (!fifoEnabled || rxCount >= rxTrigger) return IIR_RDA;
            if (timeoutPending) return IIR_TIMEOUT;
        }
        if ((ier & IER_THRE) != 0 && thrEmptyPending) return IIR_THRE;
        if ((ier & IER_MS) != 0 && modemDeltas != 0) return IIR_MS;
        return IIR_NONE;
    }

    private void updateIrq() {
        boolean level = highestPendingInterrupt() != IIR_NONE;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    /** True while the UART drives its interrupt line (for tests and traces). */
    public boolean irqAsserted() {
        return irqLevel;
    }
}
