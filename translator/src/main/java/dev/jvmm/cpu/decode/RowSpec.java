package dev.jvmm.cpu.decode;

import static dev.jvmm.cpu.decode.OpcodeTable.*;

import java.util.ArrayList;
import java.util.List;

/**
 * A row's encoding and operand template, parsed. The encoding is written as in the SDM's opcode
 * column, tokens separated by spaces:
 * <ul>
 *   <li>an optional mandatory prefix {@code NP} (none), {@code 66}, {@code F3} or {@code F2}; without
 *       one the form ignores the prefixes (they keep their legacy meaning);</li>
 *   <li>the opcode: {@code 01}, {@code 0F AF}, {@code 0F 38 F1}, {@code 0F 3A 0F}; {@code 50+r} is the
 *       eight opcodes with a register in the low three bits;</li>
 *   <li>{@code /r} (a ModRM byte) or {@code /0}-{@code /7} (a ModRM byte whose reg field selects this
 *       group member); or the whole ModRM byte of a register form, {@code D9 E0} (FCHS), or
 *       {@code D8 C0+i} for the eight with any rm;</li>
 *   <li>optional restrictions: {@code 11} register operand only (mod = 11b), {@code !11} memory only,
 *       {@code m64} 64-bit mode only, {@code !m64} outside 64-bit mode only.</li>
 * </ul>
 * The template ({@code "mnemonic Op,Op"}) gives the rest: an E/G/M/R/V/W/U/P/Q/N/S/C/D/L operand
 * needs the ModRM byte (and the encoding must say {@code /r} or {@code /digit}); an {@code M}
 * operand restricts the form to memory, {@code R/U/N} to registers; {@code Ib Ibs Iw Iz Iv Jb Jz Ap O}
 * and ENTER's {@code Iw,Ib2} name the immediate ({@code Ibs}: a byte sign-extended to the operand
 * size, as the disassembler prints it).
 */
final class RowSpec {
    final String encoding, template, mnemonic;
    final List<Integer> opcodes = new ArrayList<>();
    int prefix = Form.ANY, reg = Form.ANY, rm = Form.ANY, mod = Form.MOD_ANY, mode = Form.MODE_ANY;
    boolean modrm;
    int immediate = IMM_NONE;

    RowSpec(String encoding, String template) {
        this.encoding = encoding;
        this.template = template;
        int space = template.indexOf(' ');
        String m = space < 0 ? template : template.substring(0, space);
        this.mnemonic = m.replaceAll("[~^!%]+$", "");
        parseEncoding();
        parseTemplate(space < 0 ? new String[0] : template.substring(space + 1).split(","));
    }

    private IllegalArgumentException bad(String why) {
        return new IllegalArgumentException("opcode row \"" + encoding + "\" \"" + template + "\": " + why);
    }

    private void parseEncoding() {
        int map = 0;
        boolean mapOpen = false; // just after 0F: 38 and 3A select the three-byte maps
        boolean mandatoryMod = false;
        for (String t : encoding.trim().split("\\s+")) {
            boolean seen = !opcodes.isEmpty();
            if (!seen && opcodes.isEmpty() && map == 0 && prefix == Form.ANY && !mapOpen
                    && (t.equals("NP") || t.equals("66") || t.equals("F3") || t.equals("F2"))) {
                prefix = switch (t) {
                    case "NP" -> Form.NP;
                    case "66" -> Form.P66;
                    case "F3" -> Form.PF3;
                    default -> Form.PF2;
                };
            } else if (!seen && map == 0 && t.equals("0F")) {
                map = 0x100;
                mapOpen = true;
            } else if (!seen && mapOpen && (t.equals("38") || t.equals("3A"))) {
                map = t.equals("38") ? 0x200 : 0x300;
                mapOpen = false;
            } else if (!seen && t.matches("[0-9A-F]{2}(\\+r)?")) {
                int op = map | Integer.parseInt(t.substring(0, 2), 16);
                if (t.endsWith("+r")) {
                    if ((op & 7) != 0) throw bad("+r needs an opcode with the low three bits clear");
                    for (int k = 0; k < 8; k++) opcodes.add(op + k);
                } else {
                    opcodes.add(op);
                }
                mapOpen = false;
            } else if (seen && !modrm && t.matches("[C-F][0-9A-F](\\+i)?")) {
                int m = Integer.parseInt(t.substring(0, 2), 16);
                if (t.endsWith("+i") && (m & 7) != 0) throw bad("+i needs a ModRM byte with rm = 0");
                modrm = true;
                mod = Form.MOD_REG;
                mandatoryMod = true;
                reg = (m >> 3) & 7;
                if (!t.endsWith("+i")) rm = m & 7;
            } else if (seen && !modrm && t.matches("/[0-7r]")) {
                modrm = true;
                if (t.charAt(1) != 'r') reg = t.charAt(1) - '0';
            } else if (seen && modrm && !mandatoryMod && (t.equals("11") || t.equals("!11"))) {
                mod = t.equals("11") ? Form.MOD_REG : Form.MOD_MEM;
                mandatoryMod = true;
            } else if (seen && (t.equals("m64") || t.equals("!m64"))) {
                mode = t.equals("m64") ? Form.MODE_64 : Form.MODE_NOT_64;
            } else {
                throw bad("unexpected \"" + t + "\"");
            }
        }
        if (opcodes.isEmpty()) throw bad("no opcode");
    }

    private void parseTemplate(String[] operands) {
        boolean needsModrm = false;
        int templateMod = Form.MOD_ANY;
        for (String o : operands) {
            if (o.isEmpty()) throw bad("empty operand");
            char k = o.charAt(0);
            boolean fixed = o.equals("AL") || o.equals("CL") || o.equals("DX") || Character.isLowerCase(k)
                    || Character.isDigit(k);
            if (!fixed && "EGMRVWUPQNSCDLBK".indexOf(k) >= 0) {
                needsModrm = true;
                if (k == 'M') templateMod = Form.MOD_MEM;
                else if (k == 'R' || k == 'U' || k == 'N') templateMod = Form.MOD_REG;
            }
            int imm = switch (o) {
                case "Ib", "Ibs", "Jb" -> IMM_B;
                case "Iw" -> operands.length == 2 && operands[1].equals("Ib2") ? IMM_ENTER : IMM_W;
                case "Iz", "Jz" -> IMM_Z;
                case "Iv" -> IMM_V;
                case "Ap" -> IMM_FAR;
                default -> o.charAt(0) == 'O' && o.length() == 2 ? IMM_MOFFS : IMM_NONE;
            };
            if (imm != IMM_NONE && immediate == IMM_NONE) immediate = imm;
        }
        if (needsModrm && !modrm) throw bad("the template has a ModRM operand: write /r or /digit");
        if (templateMod != Form.MOD_ANY) {
            if (mod != Form.MOD_ANY && mod != templateMod) throw bad("11/!11 contradicts the template");
            mod = templateMod;
        }
    }
}
