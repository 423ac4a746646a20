/**
 * The host-CPU oracle: instruction sequences run natively on this machine's CPU and on jvmm (its
 * interpreter and its translator), compared bit for bit.
 *
 * <p>{@link dev.jvmm.cpu.oracle.HostCpu} drives {@code host-cpu-runner.c}, a small C program with
 * inline assembly that the tests compile with gcc into {@code target/host-oracle/}: it maps the code,
 * data and stack pages at the addresses of jvmm's test {@code Sandbox} (0x10000, 0x20000, 0x30000),
 * loads the GPRs, RFLAGS and an FXSAVE image, runs the code in 64-bit user mode and saves them again;
 * a fault comes back as its x86 vector with the state at the faulting instruction. Cases are
 * streamed through its stdin/stdout in batches.
 *
 * <p>{@link dev.jvmm.cpu.oracle.HostOracle} is the entry point for tests: build
 * {@link dev.jvmm.cpu.oracle.HostCase}s (code plus a {@link dev.jvmm.cpu.oracle.MachineState}), call
 * {@code check}, assert the report list is empty. A report names the first instruction after which
 * jvmm and the host differ, disassembled, and each differing field.
 *
 * <p>Volume: with the defaults a CI run checks over 100,000 x87, MMX and SSE-SSE4.2 sequences
 * (X87OracleTest 32,000 with {@code -Djvmm.test.x87Cases=24000}; the SIMD float, integer, SSE4 and
 * reciprocal tests 16,000 or 4,000 per test method through {@code -Djvmm.test.simdCases}; the
 * FXSAVE/XSAVE state tests 3,100), every one on the interpreter and as a translated unit.
 */
package dev.jvmm.cpu.oracle;
