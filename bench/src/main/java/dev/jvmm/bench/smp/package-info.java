/**
 * {@code jvmm bench smp}: how much more work two (or more) vCPUs get done than one on this host, with the
 * smp-work guest ({@link dev.jvmm.bench.smp.SmpBench}).
 */
package dev.jvmm.bench.smp;
