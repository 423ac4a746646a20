/**
 * The /dev/kvm I/O-exit round-trip benchmark: jvmm's Java (FFM) KVM engine against a small C
 * program ({@code bench/src/main/c/kvm_exit_roundtrip.c}) running the very same guest, in one run.
 *
 * <p>The guest ({@link dev.jvmm.bench.kvm.GuestLoop}) does N {@code out dx, al} to a port whose
 * device adds the byte to a sum; each OUT is one round trip guest -> KVM_RUN returns -> device ->
 * KVM_RUN again. {@link dev.jvmm.bench.kvm.ExitRoundTripBench} compiles the C program with gcc,
 * alternates rounds of C, jvmm's engine ({@link dev.jvmm.bench.kvm.JavaSide}) and the C loop ported
 * to raw FFM ({@link dev.jvmm.bench.kvm.RawFfmLoop}, which separates the JVM's cost from the
 * engine's), refuses to time runs whose checksums or guest bytes differ, and prints medians, the Java/C ratio against the 1.1x target, and where Java's time went (inside
 * KVM_RUN versus in Java, from the vCPU's statistics). Numbers are labelled with the kind of
 * /dev/kvm: under PVM every guest instruction is emulated by the host kernel. A no-op ioctl timed
 * from C and from Java ({@link dev.jvmm.bench.kvm.DowncallCost}) shows the FFM downcall's own price.
 */
package dev.jvmm.bench.kvm;
