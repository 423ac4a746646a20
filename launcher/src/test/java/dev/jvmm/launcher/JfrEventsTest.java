package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jvmm's own JFR events (dev.jvmm.core.jfr), read back from a recording of real guest runs with
 * jdk.jfr.consumer ({@code TranslationCacheTest} checks {@code jvmm.UnitsInvalidated}).
 */
class JfrEventsTest {
    @TempDir
    Path tmp;

    @Test
    void aRecordingOfGuestRunsHoldsJvmmsEventsWithTheirFields() throws Exception {
        Path file = tmp.resolve("run.jfr");
        try (Recording r = new Recording()) {
            for (String e : List.of("jvmm.UnitTranslated", "jvmm.Interrupt", "jvmm.PortIo")) r.enable(e);
            r.start();
            run("sieve32", "jit", "--append", "rounds=1");
            run("pit-irq", "interp", "--clock", "virtual"); // reproducible: on host time a slow run may count a 101st tick
            r.stop();
            r.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);

        List<RecordedEvent> units = named(events, "jvmm.UnitTranslated");
        assertFalse(units.isEmpty(), "the jit translated sieve32's loops");
        for (RecordedEvent u : units) {
            long at = u.getLong("guestAddress");
            assertTrue(at >= 0x100000 && at < 0x200000, "a unit inside the multiboot kernels (linked at 1 MiB): " + u);
            assertEquals(at, u.getLong("physicalAddress"), "paging is off: linear = physical");
            assertTrue(u.getInt("guestInstructions") > 0 && u.getInt("guestBytes") >= u.getInt("guestInstructions"), u.toString());
            assertTrue(u.getInt("bytecodeBytes") > 0, u.toString());
            assertTrue(u.getDuration().compareTo(Duration.ZERO) > 0, "the event times the translation: " + u);
        }

        // pit-irq: IRQ0 arrives at vector 0x20 (its IRQ_BASE) in 32-bit code (selector 0x08)
        List<RecordedEvent> irqs = named(events, "jvmm.Interrupt").stream()
                .filter(e -> e.getString("kind").equals("external")).toList();
        assertFalse(irqs.isEmpty(), "pit-irq takes timer interrupts");
        assertTrue(irqs.stream().allMatch(e -> e.getInt("vector") == 0x20 && e.getInt("cs") == 0x08 && e.getInt("errorCode") == -1), irqs.toString());

        List<RecordedEvent> io = named(events, "jvmm.PortIo");
        assertTrue(io.stream().anyMatch(e -> e.getInt("port") == 0x3f8 && e.getBoolean("write") && !e.getString("device").equals("unowned")),
                "COM1 output sampled with its device: " + io.stream().limit(5).toList());
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }

    private static void run(String guest, String engine, String... more) {
        StringWriter err = new StringWriter();
        String[] args = new String[5 + more.length];
        System.arraycopy(new String[] {"run", guest, "--engine", engine, "--serial=none"}, 0, args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        int status = Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(1, status, guest + ": " + err);
    }
}
