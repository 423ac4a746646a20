/**
 * {@code jvmm bench}: the whole-guest comparison of execution engines — jvmm's interpreter, translator and
 * /dev/kvm engine, and QEMU's TCG and KVM accelerators when installed.
 *
 * <p>Each guest of the catalogue runs as a whole process ({@link dev.jvmm.bench.RunCommands}), timed from
 * outside ({@link dev.jvmm.bench.TimedProcess}, {@link dev.jvmm.bench.ChildTimes}), and is checked against
 * the catalogue's expected output and exit status ({@link dev.jvmm.bench.ResultCheck}); a wrong result
 * is a failure, never a time. {@link dev.jvmm.bench.Comparison} alternates engines within each round;
 * {@link dev.jvmm.bench.MarkdownReport} and {@link dev.jvmm.bench.SvgChart} render the medians.
 *
 * <p>{@link dev.jvmm.bench.Workload} gives guests a kernel command line ({@code --size long}: {@code rounds=N}
 * sized for ~4 s on QEMU TCG, so start-up no longer dominates); their output is then checked by
 * {@link dev.jvmm.bench.OutputAgreement} instead of the catalogue's text. {@link dev.jvmm.bench.JitProfile}
 * holds what the bench measures besides the timed runs — start-up runs of hello-pm32 and untimed
 * diagnostic runs ({@link dev.jvmm.bench.JitDiagnostics}) — from which {@link dev.jvmm.bench.JitBreakdown}
 * splits the jit's CPU time into start-up, translation, HotSpot compiling and the rest.
 *
 * <pre>{@code
 * ./jvmm bench --guests hello-pm32 --engines interp,qemu-tcg --runs 3
 * ./jvmm bench --size long --engines jit,qemu-tcg --runs 3
 * }</pre>
 *
 * <p>The JMH microbenchmarks of single components are in {@code dev.jvmm.bench.micro}.
 */
package dev.jvmm.bench;
