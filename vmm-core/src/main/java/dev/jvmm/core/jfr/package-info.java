/**
 * jvmm's own JDK Flight Recorder events, so that one JDK Mission Control timeline shows the guest's
 * translation, exits, interrupts and device I/O next to HotSpot's compilation and GC:
 * {@code jvmm.UnitTranslated}, {@code jvmm.UnitsInvalidated}, {@code jvmm.KvmExit},
 * {@code jvmm.Interrupt} and {@code jvmm.PortIo} (throttled: a sample, not every access).
 *
 * <p>Record a run with {@code JVMM_JAVA_OPTS="-XX:StartFlightRecording:filename=run.jfr,settings=profile" ./jvmm run ...}
 * and open the file in JMC, or list the events with {@code jfr print --events 'jvmm.*' run.jfr}.
 * An event costs one enabled check where no recording wants it. The engines emit them on the thread
 * that does the work (the vCPU thread; the translator's background thread for units).
 */
package dev.jvmm.core.jfr;
