/**
 * The x87 floating-point unit of the software CPU: its architectural state ({@link dev.jvmm.cpu.fpu.X87}),
 * shared by the interpreter, translated units and the {@code CpuState} exchange format, and a soft-float
 * core for the 80-bit double-extended format, since Java has no 80-bit type.
 *
 * <p>The core: {@link dev.jvmm.cpu.fpu.F80} is one value (sign and exponent, 64-bit significand with
 * its explicit integer bit); {@link dev.jvmm.cpu.fpu.F80Arith} adds, subtracts, multiplies, divides
 * and takes square roots, {@link dev.jvmm.cpu.fpu.F80Compare} compares, {@link dev.jvmm.cpu.fpu.F80Convert}
 * converts to and from single, double, integers and packed BCD. Each operation computes the exact result
 * (128-bit significands, a 128-by-64 long division ({@code WideDivision}) for the quotient, big
 * integers for the square root) and rounds once, in
 * {@code Rounding}, under an {@link dev.jvmm.cpu.fpu.FpEnv}: the control word's precision, rounding mode
 * and masks in, the exception flags and C1 out. Operations are static and pure apart from the flags, so
 * the interpreter and translated units call the same code.
 *
 * <p>The transcendentals ({@link dev.jvmm.cpu.fpu.F80Trig}: FSIN, FCOS, FSINCOS, FPTAN, FPATAN;
 * {@link dev.jvmm.cpu.fpu.F80Log}: F2XM1, FYL2X, FYL2XP1) compute in {@code WideReal}, a 320-bit
 * working format with an int exponent, by series in {@code WideMath}, and round once. FSIN ... FPTAN
 * reduce their argument with the x87's own 66-bit pi, as this machine's CPU does; the results are then
 * the correctly rounded functions of that reduced argument, which the host's are to within one ulp
 * (X87TranscendentalHostTest measures the distribution).
 *
 * <p>Where the SDM leaves a choice open the core does what this machine's CPU does (the tests run every
 * operation natively and compare bit for bit): NaNs propagate as SDM vol. 1 table 4-7 says; an unmasked
 * denormal operand stops arithmetic before it computes, but compares and loads complete; stores report
 * no denormal operand; an unmasked overflow or underflow to memory reports only that exception.
 *
 * <p>How x87 exceptions reach the guest ({@code interp.X87Instructions}):
 * #NM when CR0.EM or CR0.TS is set (WAIT when CR0.MP and CR0.TS are); an unmasked exception sets the
 * status word's ES and is raised as #MF by the next waiting x87 or MMX instruction. With CR0.NE=0 a PC
 * would signal FERR# to the interrupt controller as IRQ 13 (SDM vol. 1 §8.7, the MS-DOS compatible
 * mode); jvmm has no FERR# line: the exception stays pending in the status word, the instruction runs,
 * and a guest that relies on IRQ 13 never sees it. Reserved x87 encodings raise #UD.
 *
 * <p>Saving the state: FSAVE/FRSTOR/FSTENV/FLDENV ({@link dev.jvmm.cpu.fpu.X87Image}: 16- and 32-bit,
 * real- and protected-mode layouts) in {@code interp.X87Instructions}, FXSAVE/FXRSTOR in
 * {@code interp.SimdState}, and the XSAVE feature set for the x87 and SSE components (XCR0, XGETBV,
 * XSETBV, XSAVE, XSAVEOPT, XRSTOR, CPUID leaf 0xD) in {@code interp.Xsave}, whose XINUSE follows this
 * machine's CPU; the standard form only (no XSAVEC/XSAVES) and XCR0 bits 0 and 1 only. Limits:
 * translated units run x87 and SSE instructions through the interpreter (a call from the unit, which
 * then continues), so FP code runs at about the interpreter's speed; no AVX state (VEX is #UD).
 */
package dev.jvmm.cpu.fpu;
