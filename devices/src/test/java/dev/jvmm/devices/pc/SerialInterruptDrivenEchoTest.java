package dev.jvmm.devices.pc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.devices.serial.CapturingSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

/**
 * A guest-shaped scenario across PIC + UART + timers: an interrupt-driven echo in the style of Linux's
 * 8250 driver (handler loops on IIR until "no interrupt", TX refills up to 16 bytes per THRE and turns
 * ETBEI off when idle), while a console thread types faster than the guest reads. Every byte must come
 * back, in order, with the edge-triggered PIC never losing the UART's interrupt.
 */
class SerialInterruptDrivenEchoTest {
    private final VirtualClock clock = new VirtualClock(1);
    private final TimerQueue timers = new TimerQueue(clock);
    private final CapturingSink console = new CapturingSink();
    private final ArrayDeque<Integer> txQueue = new ArrayDeque<>();

    @Test
    void everyTypedByteIsEchoedInOrder() throws InterruptedException {
        try (GuestMemory memory = GuestMemory.create(GuestMemory.MIN_RAM)) {
            PcBoard board = PcBoard.create(memory, timers, PcBoard.Options.defaults().withCom1(console));
            PortBus io = board.ports();
            InterruptController pic = board.platform().interrupts();
            // Linux-style init: PIC at 0x20/0x28, only IRQ4 unmasked; UART 115200 8N1, FIFO trigger 8, RX irq.
            int[][] init = {{0x20, 0x11}, {0x21, 0x20}, {0x21, 0x04}, {0x21, 0x01}, {0xa0, 0x11}, {0xa1, 0x28},
                {0xa1, 0x02}, {0xa1, 0x01}, {0x21, 0xef}, {0xa1, 0xff},
                {0x3fb, 0x80}, {0x3f8, 0x01}, {0x3f9, 0x00}, {0x3fb, 0x03}, {0x3fa, 0x87}, {0x3fc, 0x0b},
                {0x3f9, 0x01}};
            for (int[] w : init) io.write(w[0], 1, w[1]);

            StringBuilder typed = new StringBuilder();
            for (int i = 0; i < 3000; i++) typed.append((char) ('a' + i % 26));
            byte[] bytes = typed.toString().getBytes(StandardCharsets.ISO_8859_1);
            Thread typist = new Thread(() -> {
                int off = 0;
                while (off < bytes.length) {
                    int n = board.com1().offerInput(bytes, off, Math.min(37, bytes.length - off));
                    off += n;
                    if (n == 0) Thread.onSpinWait();
                }
            });
            typist.start();

            long deadline = System.nanoTime() + 20_000_000_000L;
            while (console.bytes().length < bytes.length && System.nanoTime() < deadline) {
                clock.instructionsRetired(500); // the guest runs a little
                timers.runDue();
                if (pic.interruptPending()) {
                    assertEquals(0x24, pic.acknowledge());
                    handleUartInterrupt(io);
                    io.write(0x20, 1, 0x20); // EOI
                }
            }
            typist.join();
            assertEquals(typed.toString(), console.text());
        }
    }

    private void handleUartInterrupt(PortBus io) {
        for (int guard = 0; guard < 100; guard++) {
            int iir = io.read(0x3fa, 1);
            if ((iir & 0x01) != 0) return;
            switch (iir & 0x0e) {
                case 0x04, 0x0c -> {
                    while ((io.read(0x3fd, 1) & 0x01) != 0) txQueue.add(io.read(0x3f8, 1));
                    if (!txQueue.isEmpty()) io.write(0x3f9, 1, 0x03); // start TX: RX + THRE
                }
                case 0x02 -> {
                    for (int i = 0; i < 16 && !txQueue.isEmpty(); i++) io.write(0x3f8, 1, txQueue.poll());
                    if (txQueue.isEmpty()) io.write(0x3f9, 1, 0x01); // stop TX
                }
                case 0x06 -> io.read(0x3fd, 1);
                default -> io.read(0x3fe, 1);
            }
        }
    }
}
