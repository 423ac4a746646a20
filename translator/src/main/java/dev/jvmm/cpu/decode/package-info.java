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
 * <pre>{@code
 * Decoder d = new Decoder();
 * Insn insn = d.decode(ip -> bytes[(int) ip] & 0xFF, 0, 32, new Insn());
 * // insn.opcode == 0x01, insn.mod == 3, insn.reg == 0 ...  for "add eax, eax" (01 C0)
 * }</pre>
 */
package dev.jvmm.cpu.decode;
