package dev.jvmm.cpu.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * The opcode table while its row sets write it: {@link #add} a row, then {@link #build} checks the
 * rows against each other and indexes them by opcode. A row set is a class with a static
 * {@code add(Rows)} method listed in {@link OpcodeTable}.
 */
public final class Rows {
    private final List<Form.Builder> builders = new ArrayList<>();
    private final boolean[] complete = new boolean[0x400];

    /** A row: the encoding in SDM notation ({@link RowSpec}) and the operand template. */
    public Form.Builder add(String encoding, String template) {
        Form.Builder b = new Form.Builder(new RowSpec(encoding, template));
        builders.add(b);
        return b;
    }

    /**
     * Declares that the rows written so far name every form of their opcodes: an encoding of
     * those opcodes that no row selects is undefined (#UD). A row set calls it after its rows
     * when it covers its opcodes entirely; rows added later do not make other forms #UD.
     */
    public void allFormsWritten() {
        for (Form.Builder b : builders) for (int op : b.spec.opcodes) complete[op] = true;
    }

    /** The opcodes {@link #allFormsWritten} declared complete. */
    boolean[] complete() {
        return complete.clone();
    }

    /**
     * The forms of each opcode {@code 0x000-0x3FF} (an empty array where there are none). Throws
     * if two rows select the same encoding or disagree on whether a ModRM byte follows.
     */
    Form[][] build() {
        List<List<Form>> by = new ArrayList<>();
        for (int k = 0; k < 0x400; k++) by.add(new ArrayList<>());
        for (Form.Builder b : builders) {
            for (int op : b.spec.opcodes) {
                Form f = new Form(op, b.spec, b.feature, b.lockable, b.jit, b.exec);
                for (Form g : by.get(op)) {
                    if (g.modrm != f.modrm) throw conflict(f, g, "one has a ModRM byte, the other not");
                    if (overlaps(f, g)) throw conflict(f, g, "both select the same encoding");
                }
                by.get(op).add(f);
            }
        }
        Form[][] table = new Form[0x400][];
        for (int k = 0; k < 0x400; k++) table[k] = by.get(k).toArray(new Form[0]);
        return table;
    }

    private static IllegalArgumentException conflict(Form a, Form b, String why) {
        return new IllegalArgumentException("opcode rows " + a + " and " + b + ": " + why);
    }

    private static boolean overlaps(Form a, Form b) {
        return (a.prefix == b.prefix) && (a.reg == Form.ANY || b.reg == Form.ANY || a.reg == b.reg)
                && (a.rm == Form.ANY || b.rm == Form.ANY || a.rm == b.rm)
                && (a.mod == Form.MOD_ANY || b.mod == Form.MOD_ANY || a.mod == b.mod)
                && (a.mode == Form.MODE_ANY || b.mode == Form.MODE_ANY || a.mode == b.mode);
    }

    /**
     * The form for the decoded fields, or null: a row for the mandatory-prefix {@code column} if
     * one matches, else a row that ignores the prefix.
     */
    static Form select(Form[] forms, int column, int reg, int mod, int rm, int mode) {
        Form any = null;
        for (Form f : forms) {
            if (!f.matches(reg, mod, rm, mode)) continue;
            if (f.prefix == column) return f;
            if (f.prefix == Form.ANY && any == null) any = f;
        }
        return any;
    }
}
