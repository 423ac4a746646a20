package dev.jvmm.cpu.decode;

import dev.jvmm.cpu.interp.Exec;

/**
 * One row of the opcode table: one opcode form, with everything the decoder, the disassembler,
 * the interpreter, the LOCK check and the translator need to know about it (the idea of QEMU's
 * {@code target/i386/tcg/decode-new.c.inc}, one row per opcode). A form is selected by the opcode
 * (with its map), the mandatory prefix, ModRM.reg for group members, ModRM.mod where register and
 * memory forms differ, and the code size where 64-bit mode changes the meaning.
 *
 * <p>Rows are written in a row-set class ({@link OneByteRows} ...) as
 * {@code rows.add("66 0F 38 00 /r", "pshufb Vx,Wx").feature(Feature.SSSE3).exec(...)}: the encoding
 * in the SDM's opcode-column notation (see {@link RowSpec}), and the operand template in the
 * appendix A notation the disassembler prints ({@code dev.jvmm.cpu.disasm.Template}). Whether a
 * ModRM byte follows, the immediate and the register/memory restriction are read from the
 * template, so they are written once.
 */
public final class Form {
    /** Matches any value of the field it is in ({@link #prefix}, {@link #reg}). */
    public static final int ANY = -1;
    /** Mandatory-prefix columns: none, 66, F3, F2 (SDM vol. 2 §2.1.2). */
    public static final int NP = 0, P66 = 1, PF3 = 2, PF2 = 3;
    /** {@link #mod}: any, memory operand only (mod != 11b), register only (mod == 11b). */
    public static final int MOD_ANY = 0, MOD_MEM = 1, MOD_REG = 2;
    /** {@link #mode}: any code size, 64-bit mode only, outside 64-bit mode only. */
    public static final int MODE_ANY = 0, MODE_64 = 1, MODE_NOT_64 = 2;

    /** {@code 0x000-0x0FF} one-byte map, {@code 0x1xx} 0F, {@code 0x2xx} 0F 38, {@code 0x3xx} 0F 3A. */
    public final int opcode;
    /** The mandatory-prefix column ({@link #NP} ... {@link #PF2}), or {@link #ANY}. */
    public final int prefix;
    /** ModRM.reg (0-7) selecting a group member, or {@link #ANY}. */
    public final int reg;
    /** ModRM.rm (0-7) of a register form written as its whole ModRM byte (D9 E0), or {@link #ANY}. */
    public final int rm;
    public final int mod;
    public final int mode;
    /** "mnemonic operands" as the disassembler reads it, e.g. {@code "add Ev,Gv"}. */
    public final String template;
    /** The template's mnemonic without the disassembler's suffix markers. */
    public final String mnemonic;
    /** A ModRM byte follows the opcode. */
    public final boolean modrm;
    /** The immediate kind ({@link OpcodeTable#IMM_NONE} ...), from the template. */
    public final int immediate;
    /** The CPUID feature the form belongs to. */
    public final Feature feature;
    /** LOCK may prefix the form when its destination is memory (SDM vol. 2 "LOCK"). */
    public final boolean lockable;
    public final JitTreatment jit;
    /** The interpreter's code for the form, or null while the interpreter's own switch runs it. */
    public final Exec exec;

    Form(int opcode, RowSpec spec, Feature feature, boolean lockable, JitTreatment jit, Exec exec) {
        this.opcode = opcode;
        this.prefix = spec.prefix;
        this.reg = spec.reg;
        this.rm = spec.rm;
        this.mod = spec.mod;
        this.mode = spec.mode;
        this.template = spec.template;
        this.mnemonic = spec.mnemonic;
        this.modrm = spec.modrm;
        this.immediate = spec.immediate;
        this.feature = feature;
        this.lockable = lockable;
        this.jit = jit;
        this.exec = exec;
    }

    /** True if this form is the one for these decoded fields (the prefix is matched by the caller). */
    boolean matches(int reg, int mod, int rm, int mode) {
        if (this.reg != ANY && this.reg != (reg & 7)) return false;
        if (this.rm != ANY && this.rm != (rm & 7)) return false;
        if (this.mod == MOD_MEM && mod == 3 || this.mod == MOD_REG && mod != 3) return false;
        return this.mode == MODE_ANY || (this.mode == MODE_64) == (mode == 64);
    }

    @Override
    public String toString() {
        return String.format("%03X %s", opcode, template);
    }

    /** A row being written: options after the encoding and template. */
    public static final class Builder {
        final RowSpec spec;
        Feature feature = Feature.BASE;
        boolean lockable;
        JitTreatment jit = JitTreatment.EXIT;
        Exec exec;

        Builder(RowSpec spec) {
            this.spec = spec;
        }

        public Builder feature(Feature f) {
            feature = f;
            return this;
        }

        /** LOCK is allowed with a memory destination. */
        public Builder lockable() {
            lockable = true;
            return this;
        }

        public Builder jit(JitTreatment t) {
            jit = t;
            return this;
        }

        /** The interpreter runs {@code e} for this form. */
        public Builder exec(Exec e) {
            exec = e;
            return this;
        }
    }
}
