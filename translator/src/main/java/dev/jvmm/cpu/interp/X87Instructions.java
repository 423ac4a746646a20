package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.fpu.X87Ops.*;
import static dev.jvmm.cpu.interp.Cpu.CF;
import static dev.jvmm.cpu.interp.Cpu.PF;
import static dev.jvmm.cpu.interp.Cpu.ZF;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.fpu.F80;
import dev.jvmm.cpu.fpu.X87;
import dev.jvmm.cpu.fpu.X87Image;
import dev.jvmm.cpu.fpu.X87Ops;

/**
 * The x87 escapes D8-DF and WAIT on the interpreter: the checks every FPU instruction makes, the
 * ModRM decoding into {@link X87Ops} calls, the memory operands and the last-instruction pointers.
 *
 * <ul>
 *   <li>#NM when CR0.EM or CR0.TS is set (WAIT: CR0.MP and CR0.TS), SDM vol. 3 §2.5.</li>
 *   <li>A waiting instruction (all but FNINIT, FNCLEX, FNSTCW, FNSTSW, FNSTENV, FNSAVE) that finds an
 *       unmasked exception pending raises #MF when CR0.NE is set. With CR0.NE clear a PC would signal
 *       FERR# to the interrupt controller as IRQ 13 (SDM vol. 1 §8.7); jvmm does not: the pending
 *       exception stays recorded in the status word and the instruction runs.</li>
 *   <li>Non-control instructions record their CS:offset, opcode and (with a memory operand) data
 *       pointer; in real and virtual-8086 mode the pointers are linear addresses.</li>
 *   <li>Reserved encodings raise #UD; the aliases real CPUs execute (FCOM2, FCOMP3, FCOMP5, FXCH4,
 *       FXCH7, FSTP8, FSTP9, FFREEP) run as the instruction they alias, and FSTP1 as this machine's CPU
 *       runs it ({@link X87Ops#storeRegisterAlias}). FENI, FDISI and FSETPM
 *       do nothing, as on every x87 since the 80387.</li>
 * </ul>
 *
 * <p>Every memory read happens before the FPU state changes, and stores commit their state change
 * after the write, so a fault leaves the FPU as it was and the instruction can be restarted.
 */
final class X87Instructions {
    private final Interpreter in;
    private final Cpu c;
    private final X87 f;

    X87Instructions(Interpreter in) {
        this.in = in;
        this.c = in.c;
        this.f = in.c.fpu;
    }

    /** WAIT/FWAIT: #NM if CR0.MP and CR0.TS are both set, then the pending-exception check. */
    void fwait() {
        if ((c.cr0 & (ControlBits.CR0_MP | ControlBits.CR0_TS)) == (ControlBits.CR0_MP | ControlBits.CR0_TS)) {
            throw c.fault.raise(CpuException.NM, -1);
        }
        checkPending();
    }

    private void checkPending() {
        if (f.exceptionPending() && (c.cr0 & ControlBits.CR0_NE) != 0) throw c.fault.raise(CpuException.MF, -1);
    }

    void execute() {
        if ((c.cr0 & (ControlBits.CR0_EM | ControlBits.CR0_TS)) != 0) throw c.fault.raise(CpuException.NM, -1);
        var i = in.i;
        int esc = i.opcode - 0xD8, reg = i.reg & 7, rm = i.rm & 7;
        boolean memory = i.isMemory();
        if (!noWait(esc, memory, reg, rm)) checkPending();
        if (memory) executeMemory(esc, reg);
        else executeRegister(esc, reg, rm);
        if (!control(esc, memory, reg)) recordPointers(memory);
    }

    /** FNINIT, FNCLEX, FNSTCW, FNSTSW, FNSTENV, FNSAVE: no pending-exception check. */
    private static boolean noWait(int esc, boolean memory, int reg, int rm) {
        if (memory) return (esc == 1 && (reg == 6 || reg == 7)) || (esc == 5 && (reg == 6 || reg == 7));
        return (esc == 3 && reg == 4 && (rm == 2 || rm == 3)) || (esc == 7 && reg == 4 && rm == 0);
    }

    /** Control instructions do not change the last instruction and data pointers (SDM vol. 1 §8.1.8). */
    private static boolean control(int esc, boolean memory, int reg) {
        if (memory) return (esc == 1 && reg >= 4) || (esc == 5 && (reg == 4 || reg == 6 || reg == 7));
        return (esc == 3 && reg == 4) || (esc == 7 && reg == 4);
    }

    private void recordPointers(boolean memory) {
        var i = in.i;
        long ipMask = c.mode == 64 ? -1L : c.mode == 32 ? 0xFFFF_FFFFL : 0xFFFF;
        long ip = (c.rip - i.length) & ipMask;
        boolean linear = !c.protectedMode() || c.v86();
        f.lastIp = linear ? (c.segBase[Cpu.CS] + ip) & 0xFFFF_FFFFL : ip;
        f.lastCs = c.segSel[Cpu.CS];
        f.lastOpcode = ((i.opcode & 7) << 8) | (i.mod << 6) | ((i.reg & 7) << 3) | (i.rm & 7);
        if (memory) {
            f.lastDp = linear ? (c.segBase[i.memSeg] + in.ea) & 0xFFFF_FFFFL : in.ea;
            f.lastDs = c.segSel[i.memSeg];
        }
    }

    // ---- memory operands ----

    private long ea() {
        return in.ea = in.computeEa();
    }

    private long eaPlus(long offset) {
        var i = in.i;
        long mask = i.addrSize == 2 ? 0xFFFF : i.addrSize == 4 ? 0xFFFF_FFFFL : -1L;
        return (in.ea + offset) & mask;
    }

    private long read(int size) {
        return c.read(in.i.memSeg, ea(), size);
    }

    private void write(int size, long value) {
        c.write(in.i.memSeg, in.ea, size, value);
    }

    private byte[] readBytes(int n) {
        ea();
        c.linear(in.i.memSeg, in.ea, n, false);
        byte[] b = new byte[n];
        for (int k = 0; k < n; k++) b[k] = (byte) c.read8(in.i.memSeg, eaPlus(k));
        return b;
    }

    private void writeBytes(byte[] b) {
        c.linearWritable(in.i.memSeg, in.ea, b.length);
        for (int k = 0; k < b.length; k++) c.write(in.i.memSeg, eaPlus(k), 1, b[k]);
    }

    private boolean realFormat() {
        return !c.protectedMode() || c.v86();
    }

    private void executeMemory(int esc, int reg) {
        boolean op32 = in.i.opSize != 2;
        switch (esc) {
            case 0 -> arithReal(f, reg, read(4), false);
            case 1 -> {
                switch (reg) {
                    case 0 -> loadFloat(f, (int) read(4));
                    case 2, 3 -> {
                        ea();
                        int v = storeFloat(f);
                        if (storeWrites(f)) write(4, v);
                        endStore(f, reg == 3);
                    }
                    case 4 -> X87Image.loadEnvironment(f, readBytes(X87Image.environmentSize(op32)), op32, realFormat());
                    case 5 -> loadControl(f, (int) read(2));
                    case 6 -> {
                        ea();
                        writeBytes(X87Image.environment(f, op32, realFormat()));
                        loadControl(f, f.control | 0x3F); // FNSTENV masks every exception after storing
                    }
                    case 7 -> {
                        ea();
                        write(2, f.control);
                    }
                    default -> throw in.ud();
                }
            }
            case 2 -> arithInt(f, reg, (int) read(4));
            case 3 -> {
                switch (reg) {
                    case 0 -> loadInt(f, (int) read(4));
                    case 1, 2, 3 -> storeInt(4, reg == 1, reg != 2);
                    case 5 -> {
                        long sig = read(8);
                        int se = c.read16(in.i.memSeg, eaPlus(8));
                        loadExtended(f, se, sig);
                    }
                    case 7 -> {
                        ea();
                        F80 v = storeExtended(f);
                        if (storeWrites(f)) {
                            c.linearWritable(in.i.memSeg, in.ea, 10);
                            write(8, v.sig());
                            c.write(in.i.memSeg, eaPlus(8), 2, v.se());
                        }
                        endStore(f, true);
                    }
                    default -> throw in.ud();
                }
            }
            case 4 -> arithReal(f, reg, read(8), true);
            case 5 -> {
                switch (reg) {
                    case 0 -> loadDouble(f, read(8));
                    case 1 -> storeInt(8, true, true);
                    case 2, 3 -> {
                        ea();
                        long v = storeDouble(f);
                        if (storeWrites(f)) write(8, v);
                        endStore(f, reg == 3);
                    }
                    case 4 -> X87Image.loadState(f, readBytes(X87Image.stateSize(op32)), op32, realFormat());
                    case 6 -> {
                        ea();
                        writeBytes(X87Image.state(f, op32, realFormat()));
                        f.initialize();
                    }
                    case 7 -> {
                        ea();
                        write(2, f.statusWord());
                    }
                    default -> throw in.ud();
                }
            }
            case 6 -> arithInt(f, reg, (short) read(2));
            default -> {
                switch (reg) {
                    case 0 -> loadInt(f, (short) read(2));
                    case 1, 2, 3 -> storeInt(2, reg == 1, reg != 2);
                    case 4 -> {
                        long low = read(8);
                        int high = c.read16(in.i.memSeg, eaPlus(8));
                        loadBcd(f, low, high);
                    }
                    case 5 -> loadInt(f, read(8));
                    case 6 -> {
                        ea();
                        long[] v = X87Ops.storeBcd(f);
                        if (storeWrites(f)) {
                            c.linearWritable(in.i.memSeg, in.ea, 10);
                            write(8, v[0]);
                            c.write(in.i.memSeg, eaPlus(8), 2, v[1]);
                        }
                        endStore(f, true);
                    }
                    default -> storeInt(8, false, true);
                }
            }
        }
    }

    private void storeInt(int bytes, boolean truncate, boolean pop) {
        ea();
        long v = X87Ops.storeInt(f, bytes, truncate);
        if (storeWrites(f)) write(bytes, v);
        endStore(f, pop);
    }

    private void executeRegister(int esc, int reg, int rm) {
        switch (esc) {
            case 0 -> {
                if (reg == COM || reg == COMP) compare(f, rm, false, reg == COMP ? 1 : 0);
                else arith(f, reg, 0, rm, false);
            }
            case 1 -> executeD9(reg, rm);
            case 2 -> {
                if (reg < 4) conditionalMove(f, rm, condition(reg));
                else if (reg == 5 && rm == 1) compare(f, 1, true, 2); // FUCOMPP
                else throw in.ud();
            }
            case 3 -> {
                switch (reg) {
                    case 0, 1, 2, 3 -> conditionalMove(f, rm, !condition(reg));
                    case 4 -> {
                        switch (rm) {
                            case 0, 1, 4 -> { } // FENI, FDISI, FSETPM: no effect since the 80387
                            case 2 -> clearExceptions(f);
                            case 3 -> init(f);
                            default -> throw in.ud();
                        }
                    }
                    case 5 -> compareToFlags(rm, true, false);
                    case 6 -> compareToFlags(rm, false, false);
                    default -> throw in.ud();
                }
            }
            case 4 -> {
                if (reg == COM || reg == COMP) compare(f, rm, false, reg == COMP ? 1 : 0); // FCOM2, FCOMP3
                else arith(f, reversedOnStackTarget(reg), rm, 0, false);
            }
            case 5 -> {
                switch (reg) {
                    case 0 -> free(f, rm, false);
                    case 1 -> exchange(f, rm); // FXCH4
                    case 2, 3 -> storeRegister(f, rm, reg == 3);
                    case 4, 5 -> compare(f, rm, true, reg == 5 ? 1 : 0);
                    default -> throw in.ud();
                }
            }
            case 6 -> {
                if (reg == COMP && rm == 1) compare(f, 1, false, 2); // FCOMPP
                else if (reg == COM) compare(f, rm, false, 1); // FCOMP5
                else if (reg == COMP) throw in.ud();
                else arith(f, reversedOnStackTarget(reg), rm, 0, true);
            }
            default -> {
                switch (reg) {
                    case 0 -> free(f, rm, true); // FFREEP
                    case 1 -> exchange(f, rm); // FXCH7
                    case 2, 3 -> storeRegister(f, rm, true); // FSTP8, FSTP9
                    case 4 -> {
                        if (rm != 0) throw in.ud();
                        c.setReg(2, 0, f.statusWord(), false); // FNSTSW AX
                    }
                    case 5 -> compareToFlags(rm, true, true);
                    case 6 -> compareToFlags(rm, false, true);
                    default -> throw in.ud();
                }
            }
        }
    }

    /** DC and DE register forms compute ST(i) op ST(0): there SUB/SUBR and DIV/DIVR swap places in ModRM.reg. */
    private static int reversedOnStackTarget(int reg) {
        return switch (reg) {
            case SUB -> SUBR;
            case SUBR -> SUB;
            case DIV -> DIVR;
            case DIVR -> DIV;
            default -> reg;
        };
    }

    /** FCMOVB, FCMOVE, FCMOVBE, FCMOVU conditions (DA /0-/3; DB negates them). */
    private boolean condition(int reg) {
        long fl = c.flags;
        return switch (reg) {
            case 0 -> (fl & CF) != 0;
            case 1 -> (fl & ZF) != 0;
            case 2 -> (fl & (CF | ZF)) != 0;
            default -> (fl & PF) != 0;
        };
    }

    private void compareToFlags(int rm, boolean quiet, boolean pop) {
        int flags = X87Ops.compareToFlags(f, rm, quiet, pop);
        if (flags >= 0) c.flags = (c.flags & ~Cpu.ARITH) | flags;
    }

    private void executeD9(int reg, int rm) {
        switch (reg) {
            case 0 -> loadRegister(f, rm);
            case 1 -> exchange(f, rm);
            case 2 -> {
                if (rm != 0) throw in.ud(); // FNOP: nothing beyond the checks and the pointers
            }
            case 3 -> storeRegisterAlias(f, rm); // FSTP1
            case 4 -> {
                switch (rm) {
                    case 0 -> sign(f, true);
                    case 1 -> sign(f, false);
                    case 4 -> test(f);
                    case 5 -> examine(f);
                    default -> throw in.ud();
                }
            }
            case 5 -> {
                if (rm == 7) throw in.ud();
                loadConstant(f, rm);
            }
            case 6 -> {
                switch (rm) {
                    case 0 -> transcendental(f, F2XM1);
                    case 1 -> transcendentalPop(f, YL2X);
                    case 2 -> pushingTrig(f, true); // FPTAN
                    case 3 -> transcendentalPop(f, PATAN);
                    case 4 -> extract(f);
                    case 5 -> partialRemainder(f, true);
                    case 6 -> rotateTop(f, -1);
                    default -> rotateTop(f, 1);
                }
            }
            default -> {
                switch (rm) {
                    case 0 -> partialRemainder(f, false);
                    case 1 -> transcendentalPop(f, YL2XP1);
                    case 2 -> unary(f, SQRT);
                    case 3 -> pushingTrig(f, false); // FSINCOS
                    case 4 -> unary(f, ROUND);
                    case 5 -> scale(f);
                    case 6 -> transcendental(f, SIN);
                    default -> transcendental(f, COS);
                }
            }
        }
    }
}
