/**
 * The x86 instruction decoder: bytes in, one {@link dev.jvmm.cpu.decode.Insn} record out.
 *
 * <p>An x86 instruction is: legacy prefixes (66 operand size, 67 address size, segment overrides,
 * F0 LOCK, F2/F3 REP), in 64-bit mode an optional REX byte, one to three opcode bytes (one-byte map,
 * 0F, 0F 38, 0F 3A), a ModRM byte and SIB byte naming registers or a memory operand, a displacement
 * and an immediate; at most 15 bytes. {@link dev.jvmm.cpu.decode.OpcodeTable} says per opcode which
 * of these follow, so {@link dev.jvmm.cpu.decode.Decoder} is one loop and a table, for all three code
 * sizes. The interpreter, the bytecode translator and the disassembler all consume the same record.
 *
 * <h2>The opcode table: one row per form</h2>
 * Each opcode form is one {@link dev.jvmm.cpu.decode.Form} row, written once in a row set
 * ({@code OneByteRows}, {@code TwoByteRows}, {@code SimdRows} ...):
 * <pre>{@code
 * rows.add("0F C1 /r", "xadd Ev,Gv").lockable();
 * rows.add("66 0F 38 00 /r", "pshufb Vx,Wx").feature(Feature.SSSE3).jit(JitTreatment.CONTINUE).exec(Ssse3::pshufb);
 * }</pre>
 * The encoding is the SDM's opcode column (mandatory prefix, map, opcode, {@code /r} or
 * {@code /digit}, register/memory and 64-bit restrictions); the template is the disassembler's
 * operand notation, from which the ModRM byte, the immediate and the register/memory split are
 * read. The row also carries the CPUID {@link dev.jvmm.cpu.decode.Feature}, whether LOCK is
 * allowed, the {@link dev.jvmm.cpu.decode.JitTreatment} and the interpreter's
 * {@link dev.jvmm.cpu.interp.Exec}. The decoder selects the row (mandatory prefix: the last F3/F2,
 * else 66, else none; a mandatory 66 does not change the operand size) into {@link
 * dev.jvmm.cpu.decode.Insn#form}.
 *
 * <pre>{@code
 * Decoder d = new Decoder();
 * Insn insn = d.decode(ip -> bytes[(int) ip] & 0xFF, 0, 32, new Insn());
 * // insn.opcode == 0x01, insn.mod == 3, insn.reg == 0 ...  for "add eax, eax" (01 C0)
 * }</pre>
 */
package dev.jvmm.cpu.decode;
