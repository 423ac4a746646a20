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
 *   <li>{@link dev.jvmm.cpu.simd.PackedHorizontal}, {@link dev.jvmm.cpu.simd.PackedSelect},
 *       {@link dev.jvmm.cpu.simd.PackedLanes}: SSSE3's horizontal forms, SSE4.1's blends, widening,
 *       PTEST, lane insertion and extraction, MPSADBW.</li>
 *   <li>{@link dev.jvmm.cpu.simd.SseFloat}, {@link dev.jvmm.cpu.simd.SseCompare},
 *       {@link dev.jvmm.cpu.simd.SseConvert}, {@link dev.jvmm.cpu.simd.Sse41Arithmetic}: binary32/binary64
 *       lanes under MXCSR ({@link dev.jvmm.cpu.simd.FpContext}: rounding, FTZ, DAZ, the flags each lane
 *       raises and the SDM's two-step rule for unmasked exceptions), exact in every case
 *       ({@link dev.jvmm.cpu.simd.SoftRound} where the host's double arithmetic cannot say).</li>
 *   <li>{@link dev.jvmm.cpu.simd.ApproximateReciprocal}: RCP/RSQRT, the AMD host's tables.</li>
 *   <li>{@link dev.jvmm.cpu.simd.Crc32c}, {@link dev.jvmm.cpu.simd.StringCompare}: SSE4.2's CRC32 and
 *       PCMPxSTRx.</li>
 *   <li>{@link dev.jvmm.cpu.simd.Mmx}: MMX registers aliased onto the x87 registers (SDM vol. 1 §9.5).</li>
 * </ul>
 *
 * <p>The SSSE3 and later forms are opcode rows ({@code interp.Ssse3}, {@code Sse41Integer},
 * {@code Sse41Lanes}, {@code Sse41Float}, {@code Sse42}, {@code SseReciprocal}: encoding, template,
 * feature and translator treatment in one place, and the interpreter's operand handling); the older
 * ones are still dispatched by {@code interp.SimdInteger}, {@code SimdMoves} and {@code SimdFloat}.
 * Translated units call the interpreter for each of them and go on ({@code JitTreatment.CONTINUE}).
 *
 * <p>The checks before an instruction runs are the interpreter's ({@code interp.Simd},
 * {@code interp.SimdFloat}): SSE forms raise #UD when CR0.EM is set or CR4.OSFXSR is clear, #NM when
 * CR0.TS is set; MMX forms #UD with CR0.EM, #NM with CR0.TS and #MF on a pending unmasked x87
 * exception (CR0.NE=1); a 16-byte operand of an aligned form off a 16-byte boundary is #GP(0). An
 * unmasked SIMD floating-point exception leaves the destination alone, sets MXCSR's flags and raises
 * #XM when CR4.OSXMMEXCPT is set, else #UD. MXCSR_MASK is 0xFFFF: no misaligned-SSE mode, and
 * LDMXCSR/FXRSTOR of a reserved bit is #GP(0).
 *
 * <p>The host CPU is the oracle: {@code SimdIntegerOracleTest}, {@code SimdFloatOracleTest},
 * {@code Sse4OracleTest} and {@code ApproximateReciprocalOracleTest} run random sequences of every form
 * natively and on the interpreter and the translator and compare registers, flags, MXCSR and memory
 * bit for bit; {@code SimdCoverageTest} checks that #UD falls exactly where the host's does, except for
 * features CPUID does not report (SHA, AES-NI, PCLMULQDQ, MOVBE, SSE4a, ...). No AVX: VEX is #UD.
 */
package dev.jvmm.cpu.simd;
