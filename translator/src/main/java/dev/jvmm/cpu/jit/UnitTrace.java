package dev.jvmm.cpu.jit;

import dev.jvmm.cpu.decode.OpcodeTable;
import dev.jvmm.cpu.disasm.Disassembler;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.*;
import java.util.HashMap;
import java.util.Map;

/**
 * The trace facility: for a translated unit, each guest instruction (Intel syntax; entry points
 * marked {@code >}; instructions left to the interpreter labelled) followed by the bytecode
 * generated for it.
 * Enabled with {@code jvmm run --trace jit} or {@code -Djvmm.jit.trace=true}; also used in lockstep divergence reports.
 */
final class UnitTrace {
    private UnitTrace() {}

    static String guestListing(Region region) {
        StringBuilder sb = new StringBuilder();
        Disassembler dis = new Disassembler();
        for (GuestInsn g : region.instructions()) {
            String text;
            try {
                text = dis.disassemble(g.bytes, g.rip, region.key.mode()).text();
            } catch (RuntimeException e) {
                text = OpcodeTable.mnemonic(g.insn);
            }
            sb.append(String.format("  %s %08x  %-40s %s%n", region.leaders.contains(g.rip) ? ">" : " ", g.rip, text,
                    g.kind == GuestInsn.Kind.INLINE ? "" : g.kind.name().toLowerCase()));
        }
        return sb.toString();
    }

    static String bytecode(byte[] classBytes) {
        ClassModel cm = ClassFile.of().parse(classBytes);
        for (MethodModel m : cm.methods()) {
            if (m.methodName().equalsString("run")) return m.toDebugString();
        }
        return "";
    }

    /**
     * A unit as {@code --trace jit} and gdb's {@code monitor jit} show it: each guest instruction, then
     * the bytecode the translator emitted for it (found through the line numbers the emitter gives each
     * instruction, {@link Region#lineOf}), then the shared exit and helper code.
     */
    static String describe(Unit u) {
        StringBuilder sb = new StringBuilder(String.format("=== unit at rip %x (phys %x), %d-bit, %d guest instructions, %d bytecode bytes%n",
                u.key.entryRip(), u.entryPa, u.key.mode(), u.guestInsns, UnitCompiler.runCodeLength(u.classBytes)));
        Map<Integer, GuestInsn> byLine = new HashMap<>();
        for (GuestInsn g : u.region.instructions()) byLine.put(u.region.lineOf(g.rip), g);
        CodeModel code = runMethod(u.classBytes);
        if (code == null) return sb.append(guestListing(u.region)).toString();
        Map<Label, Integer> labelNumbers = new HashMap<>();
        Disassembler dis = new Disassembler();
        boolean prologue = true;
        for (CodeElement e : code) {
            switch (e) {
                case LineNumber ln -> {
                    if (ln.line() == Region.TAILS_LINE) {
                        sb.append("  (exits and slow paths)\n");
                        prologue = false;
                        continue;
                    }
                    GuestInsn g = byLine.get(ln.line());
                    if (g == null) continue;
                    prologue = false;
                    sb.append(String.format("%s %08x  %s%s%n", u.region.leaders.contains(g.rip) ? ">" : " ", g.rip, guestText(dis, g, u.region),
                            g.kind == GuestInsn.Kind.INLINE ? "" : "   [" + g.kind.name().toLowerCase() + "]"));
                }
                case LabelTarget lt -> sb.append(String.format("      L%d:%n", number(labelNumbers, lt.label())));
                case Instruction i -> {
                    if (prologue) {
                        sb.append("  (entry: guest registers into locals)\n");
                        prologue = false;
                    }
                    sb.append("          ").append(bytecodeText(i, labelNumbers)).append('\n');
                }
                default -> {} // stack maps, local variable types: not code
            }
        }
        return sb.toString();
    }

    private static String guestText(Disassembler dis, GuestInsn g, Region region) {
        try {
            return dis.disassemble(g.bytes, g.rip, region.key.mode()).text();
        } catch (RuntimeException e) {
            return OpcodeTable.mnemonic(g.insn);
        }
    }

    private static CodeModel runMethod(byte[] classBytes) {
        ClassModel cm = ClassFile.of().parse(classBytes);
        for (MethodModel m : cm.methods()) {
            if (m.methodName().equalsString("run")) return m.code().orElse(null);
        }
        return null;
    }

    private static String constant(java.lang.constant.ConstantDesc c) {
        return c instanceof Long l ? "0x" + Long.toHexString(l) : c instanceof java.lang.constant.DynamicConstantDesc<?> d ? "classData " + d.constantName() : String.valueOf(c);
    }

    private static int number(Map<Label, Integer> labels, Label l) {
        return labels.computeIfAbsent(l, k -> labels.size());
    }

    /** One instruction the way javap prints it, short: opcode and operands. */
    private static String bytecodeText(Instruction i, Map<Label, Integer> labels) {
        String op = i.opcode().name().toLowerCase();
        return switch (i) {
            case LoadInstruction l -> op + (op.indexOf('_') > 0 ? "" : " " + l.slot());
            case StoreInstruction st -> op + (op.indexOf('_') > 0 ? "" : " " + st.slot());
            case IncrementInstruction inc -> op + " " + inc.slot() + ", " + inc.constant();
            case FieldInstruction f -> op + " " + f.owner().asInternalName() + "." + f.name().stringValue();
            case InvokeInstruction m -> op + " " + m.owner().asInternalName() + "." + m.name().stringValue() + m.type().stringValue();
            case ConstantInstruction.IntrinsicConstantInstruction c -> op;
            case ConstantInstruction c -> op + " " + constant(c.constantValue());
            case BranchInstruction b -> op + " L" + number(labels, b.target());
            case TableSwitchInstruction t -> op + " " + t.cases().size() + " cases, default L" + number(labels, t.defaultTarget());
            case LookupSwitchInstruction t -> op + " " + t.cases().size() + " cases, default L" + number(labels, t.defaultTarget());
            case TypeCheckInstruction t -> op + " " + t.type().asInternalName();
            case NewObjectInstruction n -> op + " " + n.className().asInternalName();
            case NewPrimitiveArrayInstruction n -> op + " " + n.typeKind().name().toLowerCase();
            default -> op;
        };
    }
}
