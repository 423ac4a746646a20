package dev.jvmm.cpu.jit;

import static java.lang.constant.ConstantDescs.*;

import dev.jvmm.cpu.decode.Insn;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * An x87 or SSE instruction the unit does not compile, run by the interpreter from the unit with
 * the instruction the unit already decoded ({@link JitRuntime#runDecoded}): no fetch, no decode,
 * and only the registers the instruction can name are stored and loaded again around the call
 * (a register-to-register SSE or x87 operation names no general register at all). RFLAGS is made
 * exact first only for the instructions that read or write it (COMISD, FCOMI, FCMOVcc, PTEST...);
 * for the others the lazy flag state stays in the unit's locals.
 *
 * <p>Under breakpoints or single-stepping the runtime runs nothing and the unit takes the
 * ordinary {@link UnitEmitter#emitFallback fallback} instead. A guest exception reaches the unit's
 * fault handler, which stores everything and lets the interpreter run the instruction again to
 * deliver it ({@link JitRuntime#refault}), as for compiled instructions.
 */
final class DecodedCall {
    private DecodedCall() {}

    static final ClassDesc CD_INSN = ClassDesc.of(Insn.class.getName());
    static final MethodTypeDesc MTD_RUN_DECODED = MethodTypeDesc.of(CD_int, UnitEmitter.CD_CPU, CD_INSN, CD_long);

    private static final int RAX = 1, RCX = 1 << 1, RDX = 1 << 2;

    /** {@code -Djvmm.jit.decodedCalls=false}: these instructions take the ordinary fallback. */
    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("jvmm.jit.decodedCalls", "true"));

    /** True for the x87 escapes and the MMX/SSE opcodes whose general-register operands are all in ModRM. */
    static boolean applies(Insn i) {
        if (!ENABLED) return false;
        int op = i.opcode;
        if (op >= 0xD8 && op <= 0xDF) return true;
        if (op >= 0x200 && op < 0x400) return true; // 0F 38, 0F 3A
        if (op < 0x100 || op >= 0x200) return false;
        int o = op & 0xFF;
        if (o == 0xAE || o == 0xF7) return false; // FXSAVE/XSAVE/fences (EDX:EAX, FS/GS base), MASKMOV (RDI)
        return o >= 0x10 && o <= 0x17 || o >= 0x28 && o <= 0x2F || o >= 0x50 && o <= 0x7F || o >= 0xC2 && o <= 0xC6
                || o >= 0xD0;
    }

    /** True if the instruction may read or write RFLAGS. */
    static boolean touchesFlags(Insn i) {
        int op = i.opcode;
        if (op >= 0xD8 && op <= 0xDF) return i.mod == 3 && (op == 0xDA || op == 0xDB || op == 0xDF); // FCMOVcc, FCOMI, FUCOMI(P)
        if (op >= 0x200) return true;
        int o = op & 0xFF;
        return o == 0x2E || o == 0x2F; // UCOMISS/SD, COMISS/SD
    }

    /** The general registers the instruction can read or write: those ModRM and SIB name, and implicit ones. */
    static int registers(Insn i) {
        int m = 0;
        if (i.hasModrm) {
            m |= 1 << i.reg | 1 << (i.reg & 3);
            if (i.mod == 3) m |= 1 << i.rm | 1 << (i.rm & 3);
        }
        if (i.base >= 0) m |= 1 << i.base;
        if (i.index >= 0) m |= 1 << i.index;
        int op = i.opcode;
        if (op >= 0xD8 && op <= 0xDF) m |= RAX; // FNSTSW AX
        if (op >= 0x200) m |= RAX | RCX | RDX; // PCMPESTRx (EAX, EDX in, ECX out)
        return m & 0xFFFF;
    }

    static void emit(UnitEmitter u, GuestInsn g) {
        CodeBuilder cb = u.cb;
        Insn i = g.insn;
        boolean flags = touchesFlags(i);
        int regs = registers(i);
        u.forgetStore(); // it may write memory
        if (flags) {
            u.materialize();
            u.knownOp = -1;
        }
        u.spill(regs);
        Label start = u.guardStart();
        cb.aload(UnitEmitter.RT).aload(UnitEmitter.C).ldc(u.classConstant(i, CD_INSN)).loadConstant(g.next)
                .invokevirtual(UnitEmitter.CD_RT, "runDecoded", MTD_RUN_DECODED);
        u.guardEnd(start);
        Label go = cb.newLabel(), slow = cb.newLabel(), after = cb.newLabel();
        cb.dup().ifeq(go);
        cb.loadConstant(JitRuntime.DECODED_NOT_RUN).if_icmpeq(slow);
        u.reload(regs); // it ran, and the unit must leave (a write to code, say)
        cb.loadConstant(g.next);
        u.exitDynamic(CompiledUnit.EXIT_FALLBACK);
        cb.labelBinding(slow);
        // The ordinary fallback, which makes RFLAGS exact: the same flag values as the lazy state
        // describes, so what the emitter knows about the flags holds after the join as well.
        int knownOp = u.knownOp;
        boolean pending = u.pendingMaybe;
        u.emitFallback(g);
        u.knownOp = knownOp;
        u.pendingMaybe = pending;
        cb.goto_(after);
        cb.labelBinding(go);
        cb.pop();
        u.reload(regs);
        cb.labelBinding(after);
    }
}
