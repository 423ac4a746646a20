/**
 * Intel-syntax disassembler: the text {@code objdump -d -M intel} prints, produced from the same
 * {@link dev.jvmm.cpu.decode.Insn} record the interpreter executes, for traces and listings.
 *
 * <h2>From the record to the text</h2>
 * <ol>
 *   <li><b>Decode.</b> {@link dev.jvmm.cpu.decode.Decoder} fills the record: opcode (with its map),
 *       ModRM fields, base/index/scale/displacement, immediates, operand and address size. The
 *       raw bytes are kept too, because Intel syntax names prefixes the instruction did not use.</li>
 *   <li><b>Pick a form.</b> {@code FormLookup} takes the template of the instruction's opcode row
 *       ({@link dev.jvmm.cpu.decode.Form}, which the decoder selected by opcode, ModRM.reg for
 *       groups, ModRM.mod for register-only forms and the mandatory 66/F3/F2 prefix), and for
 *       opcodes without rows yet reads {@code TwoByteForms}, {@code TwoByteGroups},
 *       {@code ThreeByteForms} and {@code X87Forms}. A form is such as {@code "add Ev,Iz"}: a
 *       mnemonic and operand codes in the SDM appendix A notation
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
 * <h2>How it is checked, and where it differs from objdump</h2>
 * {@code DisassemblerObjdumpTest} runs objdump itself on the code of every guest image and on
 * random instructions in all three code sizes, and compares line by line. The deliberate
 * differences are listed, each with its reason, in the test's {@code KnownDifferences}: the length
 * of undecodable bytes (jvmm shows the decoder's length, objdump stops after the opcode), 66 on
 * near branches in 64-bit mode (objdump follows AMD, the decoder Intel), FWAIT (objdump merges it
 * into the next x87 instruction), a REX byte before another prefix (objdump lists it alone), the
 * 386 test registers and VEX/EVEX encodings (undefined for jvmm's CPU).
 */
package dev.jvmm.cpu.disasm;
