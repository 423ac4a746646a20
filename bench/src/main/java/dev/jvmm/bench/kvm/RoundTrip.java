package dev.jvmm.bench.kvm;

/**
 * One measured run of the guest loop, from C or from Java.
 *
 * @param n          data-port exits the guest was asked for
 * @param totalNanos from the START exit to the DONE exit (CLOCK_MONOTONIC / System.nanoTime)
 * @param checksum   sum of the bytes the device saw on the data port
 * @param dataExits  how many data-port writes the device saw
 * @param exits      every KVM_RUN return of the run (data, START, DONE, HLT, ...)
 * @param kvmRunNanos time spent inside KVM_RUN over the whole run (guest + host kernel)
 * @param busyNanos  the whole run loop, inside and outside KVM_RUN; -1 when not measured (C)
 */
record RoundTrip(long n, long totalNanos, long checksum, long dataExits, long exits, long kvmRunNanos,
                 long busyNanos) {
    double nanosPerExit() {
        return (double) totalNanos / n;
    }

    /** Time outside KVM_RUN per exit (exit handling in user space), or NaN if unknown. */
    double userNanosPerExit() {
        return busyNanos < 0 || exits == 0 ? Double.NaN : (double) (busyNanos - kvmRunNanos) / exits;
    }

    double kvmRunNanosPerExit() {
        return exits == 0 ? Double.NaN : (double) kvmRunNanos / exits;
    }
}
