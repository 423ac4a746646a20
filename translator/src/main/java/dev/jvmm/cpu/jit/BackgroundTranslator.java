package dev.jvmm.cpu.jit;

import dev.jvmm.core.memory.GuestMemory;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Translation off the vCPU thread: hot entries are queued to one daemon worker thread, which
 * decodes and compiles them while the vCPU keeps interpreting; finished units come back through a
 * queue the vCPU drains between instructions.
 *
 * <p>The worker reads guest memory while the guest may be writing it, so a finished unit is
 * installed only if its instruction bytes still match memory; installing (marking the page for
 * self-modifying-code detection) happens on the vCPU thread, which is the only writer of guest
 * RAM, so no write can slip in between the check and the mark.
 */
final class BackgroundTranslator implements AutoCloseable {
    /** A finished job: the unit (null if there was nothing to translate) or the failure. */
    record Done(int hotSlot, long page, Unit unit, Throwable failure) {}

    private final Translator translator;
    /** Translation counters of the worker thread (read racily for display only). */
    final JitStats stats = new JitStats();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jvmm-jit-translator");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Done> done = new ConcurrentLinkedQueue<>();
    private int pending;

    BackgroundTranslator(FastMem fastMem, Consumer<String> trace, boolean tsoFences) {
        this.translator = new Translator(fastMem, stats, trace);
        translator.tsoFences = tsoFences;
    }

    /** Translates the unit at {@code pa} on the worker ({@code stops}: see {@link Translator#translate(UnitKey, long, Region.Stops)}). */
    void submit(UnitKey key, long pa, int hotSlot, Region.Stops stops) {
        pending++;
        worker.execute(() -> {
            try {
                done.add(new Done(hotSlot, pa >>> 12, translator.translate(key, pa, stops), null));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                done.add(new Done(hotSlot, pa >>> 12, null, e));
            }
        });
    }

    /** A finished job, or null (cheap when nothing is pending). */
    Done poll() {
        if (pending == 0) return null;
        Done d = done.poll();
        if (d != null) pending--;
        return d;
    }

    /** True if the unit's instruction bytes are still what was translated. */
    static boolean stillMatches(Unit u, GuestMemory mem) {
        for (GuestInsn g : u.region.instructions()) {
            long pa = u.physical(g.rip);
            for (int k = 0; k < g.bytes.length; k++) {
                if ((byte) mem.read8(pa + k) != g.bytes[k]) return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
