/**
 * The meaning of the MMX and SSE instructions, written once: small pure static methods over 64-bit
 * lane groups (an MMX register or one half of an XMM register), values in and values out, that the
 * interpreter calls (its dispatch is {@code interp.SimdInteger} and {@code interp.SimdMoves}) and that
 * translated units can call with {@code invokestatic}.
 *
 * <ul>
 *   <li>{@link dev.jvmm.cpu.simd.PackedInt}: lane-wise integer arithmetic, compares, shifts, PMOVMSKB.</li>
 *   <li>{@link dev.jvmm.cpu.simd.PackedShuffle}: unpacks, packs, shuffles, byte shifts; operations whose
 *       result half depends on both input halves write a 128-bit result into a {@code long[]} pair.</li>
 *   <li>{@link dev.jvmm.cpu.simd.Mmx}: MMX registers aliased onto the x87 registers (SDM vol. 1 §9.5).</li>
 * </ul>
 *
 * <p>The host CPU is the oracle: {@code SimdIntegerOracleTest} runs random sequences of every form
 * natively and on jvmm and compares registers and memory bit for bit.
 *
 * <p>Not yet here: SSE floating point and MXCSR arithmetic, FXSAVE/XSAVE, SSSE3 and SSE4 (0F 38 / 0F 3A).
 * Their encodings raise #UD (after the #NM check a lazy-FPU OS relies on), and CPUID does not report SSE.
 */
package dev.jvmm.cpu.simd;
