package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.boot.KernelLoader;
import dev.jvmm.core.boot.LoadedKernel;
import dev.jvmm.core.clock.HostClock;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.engine.Engine;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.jit.JitEngine;
import dev.jvmm.devices.pc.PcBoard;
import dev.jvmm.devices.serial.CapturingSink;
import dev.jvmm.guests.Guest;
import dev.jvmm.guests.GuestCatalog;
import dev.jvmm.guests.Need;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The {@code uart-echo} guest end to end: it sleeps in HLT with IF=1 until the 16550 interrupts on IRQ 4,
 * so unlike the other catalogue guests it needs input typed on COM1 ({@link Need#SERIAL_INPUT}). A host
 * thread types {@link GuestCatalog#UART_ECHO_INPUT} one byte every few milliseconds while the vCPU runs; the
 * machine keeps host time ({@link HostClock}) and declares an asynchronous source
 * ({@link TimerQueue#setAsyncSources}), so HLT waits for the next byte instead of ending the run as "no timer
 * or input could wake the CPU". Same board and loader as {@link GuestBootTest}, on the interpreter and the
 * jit.
 */
class UartEchoGuestTest {
    private static final Guest GUEST = GuestCatalog.UART_ECHO;

    /** How long the typist waits between bytes: long enough that each byte is usually its own interrupt. */
    private static final long TYPING_DELAY_MILLIS = 3;

    record Run(VcpuExit exit, String output, StopReason stop, long instructions, Throwable typistFailure) {}

    @Test
    void echoesTypedInputUppercasedOnTheInterpreter() throws Exception {
        assertEchoes(run(new InterpreterEngine(), 60_000));
    }

    @Test
    void echoesTypedInputUppercasedOnTheJit() throws Exception {
        assertEchoes(run(new JitEngine(), 60_000));
    }

    @Test
    void theCatalogueDeclaresTheInputItNeeds() {
        assertTrue(GUEST.needs().contains(Need.SERIAL_INPUT));
        assertEquals("hello, world.", GuestCatalog.UART_ECHO_INPUT);
        assertTrue(GUEST.expectedOutput().matches("HELLO, WORLD.\nuart-echo: 13 bytes received by interrupt\n"));
    }

    private static void assertEchoes(Run r) {
        System.out.printf("uart-echo: %d instructions, stop %s%n", r.instructions(), r.stop());
        assertEquals(null, r.typistFailure(), "typist");
        assertEquals("HELLO, WORLD.\nuart-echo: 13 bytes received by interrupt\n", r.output(),
                () -> "exit " + r.exit() + ", stop " + r.stop());
        assertTrue(GUEST.expectedOutput().matches(r.output()), "the catalogue's expected output");
        assertEquals(new StopReason.DebugExit(GUEST.expectedExitValue()), r.stop(), () -> "exit " + r.exit());
        assertEquals(new VcpuExit.ExitRequested(), r.exit());
    }

    static Run run(Engine engine, long maxMillis) throws Exception {
        try (GuestMemory mem = GuestMemory.create(64L << 20)) {
            TimerQueue timers = new TimerQueue(new HostClock());
            timers.setAsyncSources(true); // the typist: HLT with nothing armed waits for input
            CapturingSink out = new CapturingSink();
            PcBoard board = PcBoard.create(mem, timers, PcBoard.Options.defaults().withCom1(out));
            LoadedKernel k = KernelLoader.load(mem, GUEST.bytes(), "");
            Vcpu vcpu = engine.createVcpu(board.platform());
            vcpu.setState(k.entryState());
            board.stop().onRequest(vcpu::requestExit);
            Thread watchdog = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(maxMillis);
                    board.stop().request(new StopReason.Timeout(maxMillis / 1000.0));
                } catch (InterruptedException ignored) {
                    // finished in time
                }
            });
            AtomicReference<Throwable> typistFailure = new AtomicReference<>();
            Thread typist = Thread.ofPlatform().daemon().name("uart-echo-typist").start(() -> {
                try {
                    // Like a user at a terminal, type once the guest is listening: serial_init's FCR write clears
                    // the receive FIFO, so bytes that arrived before it would be lost (as on hardware). The guest
                    // reprograms the UART within its first few hundred instructions, then spins 100000 PAUSE
                    // iterations with IF=0 before STI; 10000 retired instructions is well past the UART setup.
                    // (instructionsRetired() read from here may lag, never lead.)
                    while (vcpu.instructionsRetired() < 10_000) Thread.sleep(1);
                    byte[] input = GuestCatalog.UART_ECHO_INPUT.getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < input.length; i++) {
                        Thread.sleep(TYPING_DELAY_MILLIS);
                        while (board.com1().offerInput(input, i, 1) == 0) Thread.sleep(1);
                    }
                } catch (InterruptedException ignored) {
                    // the run ended first
                } catch (Throwable t) {
                    typistFailure.set(t);
                }
            });
            VcpuExit exit = vcpu.run();
            watchdog.interrupt();
            typist.interrupt();
            typist.join(5_000);
            board.flushOutput();
            vcpu.close();
            return new Run(exit, new String(out.bytes(), StandardCharsets.ISO_8859_1), board.stop().reason(),
                    vcpu.instructionsRetired(), typistFailure.get());
        }
    }
}
