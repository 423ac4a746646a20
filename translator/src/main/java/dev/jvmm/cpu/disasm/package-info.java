/**
 * Intel-syntax disassembler: the text {@code objdump -d -M intel} prints, produced from the same
 * {@link dev.jvmm.cpu.decode.Insn} record the interpreter executes, for traces and listings.
 *
 * <h2>From the record to the text</h2>
 * <ol>
 *   <li><b>Decode.</b> {@link dev.jvmm.cpu.decode.Decoder} fills the record: opcode (with its map),
 *       ModRM fields, base/index/scale/displacement, immediates, operand and address size. The
 *       raw bytes are kept too, because Intel syntax names prefixes the instruction did not use.</li>
 *   <li><b>Pick a form.</b> {@code OneByteForms}, {@code TwoByteForms}, {@code TwoByteGroups} and
 *       {@code X87Forms} map the opcode (plus ModRM.reg for groups, ModRM.mod for register-only
 *       forms, and the mandatory 66/F3/F2 prefix for MMX/SSE) to a form such as
 *       {@code "add Ev,Iz"}: a mnemonic and operand codes in the SDM appendix A notation
 *       ({@link dev.jvmm.cpu.disasm.Template} explains the letters).</li>
 *   <li><b>Render operands.</b> {@code OperandPrinter} turns each code into text: a register name
 *       of the right size ({@code al}, {@code r8d}, {@code spl} only with REX), a memory operand
 *       {@code DWORD PTR fs:[eax+ecx*4+0x10]} (size keyword, segment override, 16-bit
 *       {@code [bx+si]} forms, {@code [rip+0x..]} with the target as a comment), an immediate in
 *       hex masked to the operand size ({@code 83 C0 FF} is {@code add eax,0xffffffff}), a branch
 *       target as an absolute address, or a far pointer {@code 0x8:0x1000}.</li>
 *   <li><b>Adjust the mnemonic.</b> objdump's w/d/q suffixes where no operand shows the size
 *       ({@code retw}, {@code pushw 0x1}, {@code iretq}), {@code movabs}, {@code jcxz/jecxz/jrcxz},
 *       {@code cwde}/{@code cdqe}, CMPPS predicates ({@code cmpneqps}).</li>
 *   <li><b>Name unused prefixes.</b> While rendering, the printer notes which prefixes mattered
 *       (66 for a sized operand, 67 for an address, a segment override for memory, each REX bit
 *       for the field it extends). The rest are printed before the mnemonic as objdump does:
 *       {@code rep}/{@code repz}/{@code repnz} by string instruction, {@code lock},
 *       {@code data16}, {@code addr32}, {@code cs}, {@code bnd}, {@code xacquire},
 *       {@code rex.W} ...</li>
 * </ol>
 * Undefined encodings (and a memory-only operand given a register) print {@code (bad)}; bytes
 * that cannot be fetched end a {@link dev.jvmm.cpu.disasm.Disassembler#listing listing}.
 *
 * <h2>Not covered</h2>
 * The 0F 38 and 0F 3A maps (SSSE3/SSE4) print {@code (bad)} for now; VEX/EVEX encodings are not
 * decoded by jvmm at all. The test {@code DisassemblerObjdumpTest} runs objdump itself on the
 * guest images and on random instructions and lists the few deliberate differences.
 */
package dev.jvmm.cpu.disasm;
