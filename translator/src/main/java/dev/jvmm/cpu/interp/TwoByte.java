package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.Cpu.*;

import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.decode.Insn;

/** The 0F opcode map: system instructions, Jcc/SETcc/CMOVcc, bit operations, MOVZX/MOVSX and friends. */
final class TwoByte {
    private TwoByte() {}

    static void execute(Interpreter in) {
        Insn i = in.i;
        Cpu c = in.c;
        int op = i.opcode & 0xFF;
        int os = i.opSize;
        if (i.opcode >= 0x200) throw in.ud();
        if (op >= 0x40 && op <= 0x4F) { // CMOVcc: the 32-bit destination is written even if false
            long v = in.readRm(os);
            if (in.cond(op & 15)) in.setReg(os, v);
            else if (os == 4) in.setReg(4, in.getReg(4));
            return;
        }
        if (op >= 0x80 && op <= 0x8F) {
            if (in.cond(op & 15)) in.jumpNear(in.nextIp + i.imm);
            return;
        }
        if (op >= 0x90 && op <= 0x9F) {
            in.writeRm(1, in.cond(op & 15) ? 1 : 0, false);
            return;
        }
        if (op >= 0xC8 && op <= 0xCF) {
            long v = c.reg(os, i.rm, false);
            c.setReg(os, i.rm, os == 8 ? Long.reverseBytes(v) : os == 4 ? Integer.reverseBytes((int) v) & 0xFFFF_FFFFL : 0, false);
            return;
        }
        switch (op) {
            case 0x00 -> Descriptors.group6(in);
            case 0x01 -> Descriptors.group7(in);
            case 0x02, 0x03 -> Descriptors.larLsl(in, op == 0x02);
            case 0x05 -> FastCalls.syscall(in);
            case 0x06 -> {
                if (c.cpl != 0) throw c.gp(0);
                c.cr0 &= ~8L;
            }
            case 0x07 -> FastCalls.sysret(in);
            case 0x08, 0x09 -> {
                if (c.cpl != 0) throw c.gp(0);
            }
            case 0x0D, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F -> {
                if (!i.isMemory() && op == 0x0D) throw in.ud();
            }
            case 0x20, 0x21, 0x22, 0x23 -> ControlRegs.move(in, op);
            case 0x30 -> Msrs.wrmsr(in);
            case 0x31 -> {
                if ((c.cr4 & 4) != 0 && c.cpl != 0) throw c.gp(0);
                long tsc = c.tsc();
                in.ioDone = true; // time is an input from outside the CPU, as a port read is
                c.gpr[0] = tsc & 0xFFFF_FFFFL;
                c.gpr[2] = tsc >>> 32;
            }
            case 0x32 -> Msrs.rdmsr(in);
            case 0x33 -> Msrs.rdpmc(in);
            case 0x34 -> FastCalls.sysenter(in);
            case 0x35 -> FastCalls.sysexit(in);
            case 0xA0, 0xA8 -> c.push(os, c.segSel[op == 0xA0 ? FS : GS]);
            case 0xA1, 0xA9 -> {
                int sel = (int) c.peek(os, 0) & 0xFFFF;
                in.sys.loadSeg(op == 0xA1 ? FS : GS, sel);
                c.setSp(c.sp() + os);
            }
            case 0xA2 -> Cpuid.execute(c);
            case 0xA3, 0xAB, 0xB3, 0xBB -> bitOp(in, (op >> 3) & 3, in.getReg(os), true);
            case 0xBA -> {
                if ((i.reg & 7) < 4) throw in.ud();
                bitOp(in, i.reg & 3, i.imm & 0xFF, false);
            }
            case 0xA4, 0xA5, 0xAC, 0xAD -> {
                int count = op == 0xA4 || op == 0xAC ? (int) i.imm : (int) c.gpr[1];
                long dst = in.readRmForWrite(os);
                in.writeRm(os, Alu.doubleShift(c, op < 0xA8, os, dst, in.getReg(os), count), true);
            }
            case 0xAE -> {
                int r = i.reg & 7;
                if (i.mod == 3 && r >= 5) return; // LFENCE, MFENCE, SFENCE
                if (i.mod != 3 && r <= 3 && i.rep == 0) { // FXSAVE FXRSTOR LDMXCSR STMXCSR
                    SimdState.execute(in, r);
                    return;
                }
                if (i.mod != 3 && r == 7) { // CLFLUSH: checks the address only
                    in.readRm(1);
                    return;
                }
                throw in.ud();
            }
            case 0xAF -> in.setReg(os, Muldiv.imul2(c, os, in.getReg(os), in.readRm(os)));
            case 0xB0, 0xB1 -> {
                long dst = in.readRmForWrite(os);
                long acc = c.reg(os, 0, false);
                Alu.sub(c, os, acc, dst, 0);
                if (acc == dst) in.writeRm(os, in.getReg(os), true);
                else {
                    // A memory destination is written back unchanged (the locked cycle); a register
                    // destination is left alone, so a 32-bit one keeps its upper half (as hardware does).
                    if (i.mod != 3) in.writeRm(os, dst, true);
                    c.setReg(os, 0, dst, false);
                }
            }
            case 0xB2, 0xB4, 0xB5 -> {
                if (i.mod == 3) throw in.ud();
                long ea = in.computeEa();
                long off = c.read(i.memSeg, ea, os);
                int sel = c.read16(i.memSeg, (ea + os) & Cpu.mask(i.addrSize));
                in.sys.loadSeg(op == 0xB2 ? SS : op == 0xB4 ? FS : GS, sel);
                in.setReg(os, off);
            }
            case 0xB6, 0xB7 -> in.setReg(os, in.readRm(op == 0xB6 ? 1 : 2));
            case 0xBE, 0xBF -> {
                int ss = op == 0xBE ? 1 : 2;
                in.setReg(os, Alu.signExtend(ss, in.readRm(ss)) & Cpu.mask(os));
            }
            case 0xB8 -> {
                if (i.rep != 0xF3) throw in.ud();
                long v = in.readRm(os);
                c.flags &= ~ARITH;
                if (v == 0) c.flags |= ZF;
                in.setReg(os, Long.bitCount(v));
            }
            case 0xBC, 0xBD -> {
                long v = in.readRm(os);
                c.flags &= ~ARITH;
                if (v == 0) {
                    c.flags |= ZF; // destination unchanged (what Intel and AMD do)
                    return;
                }
                in.setReg(os, op == 0xBC ? Long.numberOfTrailingZeros(v) : 63 - Long.numberOfLeadingZeros(v));
                c.flags |= Alu.szp(os, 1) & PF; // PF from a non-zero result of one bit is undefined; keep consistent
            }
            case 0xC0, 0xC1 -> {
                long dst = in.readRmForWrite(os);
                long src = in.getReg(os);
                long r = Alu.add(c, os, dst, src, 0);
                if (i.mod == 3) {
                    in.setReg(os, dst);
                    in.writeRm(os, r, true); // written last: XADD r, r leaves the sum
                } else {
                    in.writeRm(os, r, true); // memory first, so a fault leaves the register alone
                    in.setReg(os, dst);
                }
            }
            case 0xC7 -> cmpxchg8b(in);
            case 0x0B, 0xB9, 0xFF -> throw in.ud();
            default -> {
                if (!SimdInteger.execute(in) && !SimdFloat.execute(in)) throw sseOrUndefined(in);
            }
        }
    }

    /**
     * MMX/SSE and other unimplemented encodings. jvmm has no MMX or SSE unit (CPUID says so), so
     * they are #UD, except that the checks that come first on real hardware still apply (SDM vol. 3
     * §2.5, "Effect of CR0/CR4 flags on SSE"): with CR0.EM clear (and CR4.OSFXSR set for SSE),
     * CR0.TS raises #NM, which a lazy-FPU OS expects before it looks further.
     */
    private static CpuException sseOrUndefined(Interpreter in) {
        int op = in.i.opcode;
        int o = op & 0xFF;
        boolean simd = op >= 0x200 || (o >= 0x10 && o <= 0x17) || (o >= 0x28 && o <= 0x2F)
                || (o >= 0x50 && o <= 0x7F) || (o >= 0xC2 && o <= 0xC6) || o >= 0xD0;
        if (simd) {
            Cpu c = in.c;
            boolean mmx = !in.i.opsizePrefix && in.i.rep == 0 && op < 0x200 && ((o >= 0x60 && o <= 0x7F) || o >= 0xD0);
            boolean enabled = (c.cr0 & 4) == 0 && (mmx || (c.cr4 & (1 << 9)) != 0);
            if (enabled && (c.cr0 & 8) != 0) return c.fault.raise(CpuException.NM, -1);
        }
        return in.ud();
    }

    private static void bitOp(Interpreter in, int kind, long bit, boolean regOffset) {
        Insn i = in.i;
        Cpu c = in.c;
        int os = i.opSize;
        int bits = os * 8;
        long v;
        if (i.mod == 3 || !regOffset) {
            int b = (int) (bit & (bits - 1));
            v = kind == 0 ? in.readRm(os) : in.readRmForWrite(os);
            boolean set = ((v >>> b) & 1) != 0;
            c.flags = (c.flags & ~CF) | (set ? CF : 0);
            if (kind != 0) in.writeRm(os, apply(kind, v, b), true);
            return;
        }
        // Memory with a register bit offset: the offset is signed and may reach outside the operand.
        long off = Alu.signExtend(os, bit);
        long ea = (in.computeEa() + (off >> (os == 2 ? 4 : os == 4 ? 5 : 6)) * os) & Cpu.mask(i.addrSize);
        int b = (int) (off & (bits - 1));
        if (kind != 0) c.linearWritable(i.memSeg, ea, os);
        v = c.read(i.memSeg, ea, os);
        boolean set = ((v >>> b) & 1) != 0;
        c.flags = (c.flags & ~CF) | (set ? CF : 0);
        if (kind != 0) c.write(i.memSeg, ea, os, apply(kind, v, b));
    }

    private static long apply(int kind, long v, int b) {
        return switch (kind) {
            case 1 -> v | (1L << b);
            case 2 -> v & ~(1L << b);
            default -> v ^ (1L << b);
        };
    }

    private static void cmpxchg8b(Interpreter in) {
        Insn i = in.i;
        Cpu c = in.c;
        if ((i.reg & 7) != 1 || i.mod == 3) throw in.ud();
        long ea = in.computeEa();
        if (i.opSize == 8) { // CMPXCHG16B: 16-byte aligned operand
            if ((ea & 15) != 0) throw c.gp(0);
            c.linearWritable(i.memSeg, ea, 16);
            long lo = c.read(i.memSeg, ea, 8), hi = c.read(i.memSeg, ea + 8, 8);
            if (lo == c.gpr[0] && hi == c.gpr[2]) {
                c.write(i.memSeg, ea, 8, c.gpr[3]);
                c.write(i.memSeg, ea + 8, 8, c.gpr[1]);
                c.flags |= ZF;
            } else {
                c.write(i.memSeg, ea, 8, lo);
                c.write(i.memSeg, ea + 8, 8, hi);
                c.gpr[0] = lo;
                c.gpr[2] = hi;
                c.flags &= ~ZF;
            }
            return;
        }
        c.linearWritable(i.memSeg, ea, 8);
        long m = c.read(i.memSeg, ea, 8);
        long expect = (c.gpr[2] << 32) | (c.gpr[0] & 0xFFFF_FFFFL);
        if (m == expect) {
            c.write(i.memSeg, ea, 8, (c.gpr[1] << 32) | (c.gpr[3] & 0xFFFF_FFFFL));
            c.flags |= ZF;
        } else {
            c.write(i.memSeg, ea, 8, m);
            c.setReg(4, 0, m, false);
            c.setReg(4, 2, m >>> 32, false);
            c.flags &= ~ZF;
        }
    }
}
