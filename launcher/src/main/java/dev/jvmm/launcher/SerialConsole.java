package dev.jvmm.launcher;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.devices.serial.Uart16550;
import java.io.IOException;
import java.io.InputStream;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Keyboard input for COM1 when the serial port is on stdio. On a terminal it switches to raw mode
 * (JLine, with ISIG off too), so every key — Ctrl-C included — goes to the guest, as with QEMU's
 * {@code -nographic}; the Ctrl-A escapes are {@link ConsoleEscapes}'. When stdin is a pipe
 * or file its bytes are fed to the guest until end of file. Bytes go to the UART's thread-safe inbox;
 * the UART itself is only touched on the vCPU thread.
 */
final class SerialConsole implements AutoCloseable {
    private final Terminal terminal;
    private final Attributes savedAttributes;
    private final Thread reader;

    private SerialConsole(Terminal terminal, Attributes saved, Thread reader) {
        this.terminal = terminal;
        this.savedAttributes = saved;
        this.reader = reader;
    }

    /** Starts feeding input if COM1 is on stdio; returns null (nothing to close) otherwise. */
    static SerialConsole attachIfInteractive(SerialTarget target, Uart16550 com1, TimerQueue timers, StopRequest stop) {
        if (!(target instanceof SerialTarget.Stdio)) return null;
        var console = System.console();
        boolean tty = console != null && console.isTerminal();
        if (tty) {
            try {
                Terminal terminal = TerminalBuilder.builder().system(true).build();
                Attributes saved = terminal.enterRawMode();
                // JLine's raw mode keeps ISIG, so Ctrl-C would end jvmm; QEMU's -nographic gives it to the
                // guest (cfmakeraw clears ISIG). Ctrl-A x is the way out, and SIGTERM still works.
                Attributes raw = terminal.getAttributes();
                raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
                terminal.setAttributes(raw);
                timers.setAsyncSources(true);
                Thread t = Thread.ofPlatform().daemon().name("jvmm-console").start(
                        () -> pump(terminal.input(), com1, timers, stop, true));
                return new SerialConsole(terminal, saved, t);
            } catch (IOException | RuntimeException e) {
                System.err.println("jvmm: no raw-mode console (" + e.getMessage() + "); guest input disabled");
                return null;
            }
        }
        timers.setAsyncSources(true);
        Thread t = Thread.ofPlatform().daemon().name("jvmm-stdin").start(() -> pump(System.in, com1, timers, stop, false));
        return new SerialConsole(null, null, t);
    }

    private static void pump(InputStream in, Uart16550 com1, TimerQueue timers, StopRequest stop, boolean escapes) {
        ConsoleEscapes keys = new ConsoleEscapes();
        byte[] one = new byte[1];
        try {
            int c;
            while ((c = in.read()) >= 0) {
                ConsoleEscapes.Action action = escapes ? keys.typed(c) : ConsoleEscapes.Action.TO_GUEST;
                switch (action) {
                    case TO_GUEST -> {
                        one[0] = (byte) c;
                        while (com1.offerInput(one, 0, 1) == 0) Thread.sleep(1); // the inbox is full: the guest is slow
                    }
                    case SWALLOWED -> { }
                    case EXIT -> {
                        stop.request(new StopReason.Interrupted());
                        return;
                    }
                    case HELP -> say(ConsoleEscapes.HELP);
                    case NO_MONITOR -> say("jvmm has no monitor (QEMU's C-a c); C-a x exits, --stats and --trace report\n");
                }
            }
        } catch (IOException | InterruptedException e) {
            // console closed: no more input
        }
        timers.setAsyncSources(false);
        timers.wake();
    }

    /** A message on the terminal (JLine's raw mode keeps output post-processing: NL becomes CR NL). */
    private static void say(String text) {
        System.err.print(text);
        System.err.flush();
    }

    @Override
    public void close() {
        reader.interrupt();
        if (terminal != null) {
            terminal.setAttributes(savedAttributes);
            try {
                terminal.close();
            } catch (IOException ignored) {
                // restoring the terminal is best effort at exit
            }
        }
    }
}
