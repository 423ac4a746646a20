/**
 * The architectural state of an x86 CPU as engines exchange it: {@link dev.jvmm.core.cpu.CpuState}
 * (general registers, RIP, RFLAGS, segment registers with their hidden descriptor caches, descriptor
 * tables, control registers, EFER, MSRs, the x87 FPU as {@link dev.jvmm.core.cpu.X87State}) and
 * {@link dev.jvmm.core.cpu.SegmentState}.
 *
 * <p>Each engine keeps a faster private form (the interpreter's arrays, KVM's {@code kvm_regs} and
 * {@code kvm_sregs}) and converts at the edges. Because the format is shared, a loader can set up a
 * guest once for any engine, lockstep testing can compare engines with {@code diff()}, and reports
 * print the same register dump whoever ran the guest.
 */
package dev.jvmm.core.cpu;
