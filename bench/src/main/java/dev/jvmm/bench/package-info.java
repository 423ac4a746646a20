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
 * <pre>{@code
 * ./jvmm bench --guests hello-pm32 --engines interp,qemu-tcg --runs 3
 * }</pre>
 *
 * <p>The JMH microbenchmarks of single components are in {@code dev.jvmm.bench.micro}.
 */
package dev.jvmm.bench;
