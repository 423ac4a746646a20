/**
 * Live counters, the way Aeron publishes its counters for AeronStat: a running jvmm keeps its
 * counters (instructions retired, translator units and exits, KVM exits by reason, port I/O per
 * device) in an Agrona {@code CountersManager} over a memory-mapped file,
 * {@code $TMPDIR/jvmm-stat/PID.counters}; {@code jvmm stat [PID]} maps the same file from another
 * process and prints them once a second with their rates and the guest's MIPS.
 *
 * <p>Threads: a sampler thread of the running jvmm copies the engine's counters
 * ({@link dev.jvmm.core.engine.Vcpu#sampleCounters}) into the file every 100 ms and is the file's
 * only writer; readers only read. The file is deleted when the run ends.
 */
package dev.jvmm.launcher.stat;
