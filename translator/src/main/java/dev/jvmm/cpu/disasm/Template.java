package dev.jvmm.cpu.disasm;

/**
 * One table entry, "mnemonic operands", split. The operand codes follow the Intel SDM appendix A
 * notation: a letter for the addressing method and one for the size.
 *
 * <table>
 *   <caption>Addressing methods</caption>
 *   <tr><td>E</td><td>ModRM r/m: register or memory</td><td>G</td><td>ModRM reg: general register</td></tr>
 *   <tr><td>M</td><td>ModRM memory only (a register is "(bad)")</td><td>R</td><td>ModRM r/m: register only</td></tr>
 *   <tr><td>Z</td><td>register in the opcode's low bits</td><td>S, C, D</td><td>segment, control, debug register</td></tr>
 *   <tr><td>I</td><td>immediate (Ib2: ENTER's second one; Ibs: a byte sign-extended to the operand size)</td><td>J</td><td>relative branch, printed as its target</td></tr>
 *   <tr><td>A</td><td>far pointer seg:offset</td><td>O</td><td>moffs: absolute address, no ModRM</td></tr>
 *   <tr><td>X, Y</td><td>string source DS:rSI, destination ES:rDI</td><td>Xl</td><td>XLAT's DS:[rBX]</td></tr>
 *   <tr><td>V, U, W</td><td>XMM reg, XMM r/m register only, XMM or memory</td><td>P, N, Q</td><td>the same for MMX</td></tr>
 *   <tr><td>F</td><td>x87 stack register st(i) from r/m</td><td>Es</td><td>MOV Sreg: memory is a word, a register is full size</td></tr>
 *   <tr><td>L</td><td>r/m: a register is always 32-bit (PINSRW, PEXTRB)</td><td>B, K</td><td>MPX: bounds register; its r/m (no size keyword)</td></tr>
 * </table>
 * Sizes: b byte, w word, d dword, q qword, t ten bytes, x 16 bytes, o 16 bytes called OWORD,
 * v operand size, z operand size capped at 4, y dword or (REX.W) qword, n 64 in 64-bit mode else
 * 32, p far pointer, a BOUND's pair. AL, CL, DX, rAX (sized accumulator), eAX (AX or EAX) and
 * lower-case words ({@code es}, {@code st}, {@code xmm0}) are fixed operands.
 *
 * <p>Mnemonic markers: a trailing {@code ~} appends objdump's w/d/q suffix when the operand size
 * is not the default one, {@code ^} always outside 64-bit mode (SGDT family), {@code !} only for a
 * 66 prefix (x87 environment), {@code %} d/q in 64-bit mode (SYSRET); {@code 64} is dropped without
 * REX.W (FXSAVE64); {@code a/b/c} picks by operand size 16/32/64.
 */
record Template(String mnemonic, String[] operands) {
    private static final String[] NONE = {};

    static Template parse(String form) {
        int space = form.indexOf(' ');
        if (space < 0) return new Template(form, NONE);
        return new Template(form.substring(0, space), form.substring(space + 1).split(","));
    }
}
