package dev.jvmm.cpu.oracle;

import static dev.jvmm.cpu.oracle.MachineState.*;

import java.util.ArrayList;
import java.util.List;

/** Field-by-field differences between the host's outcome and jvmm's, named as a reader looks for them. */
final class Comparison {
    private static final String[] GPR = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11",
        "r12", "r13", "r14", "r15"};

    private Comparison() {}

    /** Empty when {@code got} agrees with {@code want} (the host) wherever {@code t} compares. */
    static List<String> differences(Outcome want, Outcome got, Tolerance t) {
        List<String> d = new ArrayList<>();
        if (got.failure() != null) {
            d.add(got.failure());
            return d;
        }
        if (want.vector() != got.vector() || (want.vector() != 14 && want.errorCode() != got.errorCode())) {
            d.add("outcome " + got.describe() + ", host " + want.describe());
        }
        if (want.rip() != got.rip()) d.add(String.format("rip %x, host %x", got.rip(), want.rip()));
        MachineState w = want.state(), g = got.state();
        for (int r = 0; r < 16; r++) {
            if (w.gpr[r] != g.gpr[r]) d.add(String.format("%s %x, host %x", GPR[r], g.gpr[r], w.gpr[r]));
        }
        long fw = w.rflags & t.flagsMask(), fg = g.rflags & t.flagsMask();
        if (fw != fg) d.add(String.format("rflags %x, host %x (compared bits %x)", fg, fw, t.flagsMask()));
        field(d, "fcw", g.fcw(), w.fcw());
        field(d, "fsw", g.fsw(), w.fsw());
        field(d, "ftw (abridged)", g.ftw(), w.ftw());
        if (t.x87Pointers()) {
            field(d, "fop", g.u16(FOP) & 0x7FF, w.u16(FOP) & 0x7FF);
            field(d, "fip", g.u64(FIP), w.u64(FIP));
            field(d, "fdp", g.u64(FDP), w.u64(FDP));
        }
        field(d, "mxcsr", g.mxcsr(), w.mxcsr());
        for (int i = 0; i < 8; i++) {
            if (g.stSignificand(i) != w.stSignificand(i) || g.stSignExponent(i) != w.stSignExponent(i)) {
                d.add(String.format("st(%d)/mm%d %04x:%016x, host %04x:%016x", i, i, g.stSignExponent(i), g.stSignificand(i),
                        w.stSignExponent(i), w.stSignificand(i)));
            }
        }
        for (int r = 0; r < 16; r++) {
            if (g.xmmLow(r) != w.xmmLow(r) || g.xmmHigh(r) != w.xmmHigh(r)) {
                d.add(String.format("xmm%d %016x_%016x, host %016x_%016x", r, g.xmmHigh(r), g.xmmLow(r), w.xmmHigh(r), w.xmmLow(r)));
            }
        }
        for (int k = 0; k < w.data.length; k++) {
            if (w.data[k] != g.data[k]) {
                d.add(String.format("data [%x] %02x, host %02x", DATA + k, g.data[k] & 0xFF, w.data[k] & 0xFF));
                if (d.size() > 40) break;
            }
        }
        return d;
    }

    private static void field(List<String> d, String name, long got, long want) {
        if (got != want) d.add(String.format("%s %x, host %x", name, got, want));
    }

    /** The start state as a few lines: GPRs, RFLAGS, x87 control words, MXCSR, the non-empty x87 registers and every XMM. */
    static String describe(MachineState s) {
        StringBuilder sb = new StringBuilder("  ");
        for (int r = 0; r < 16; r++) sb.append(String.format("%s=%x%s", GPR[r], s.gpr[r], r % 8 == 7 ? "\n  " : " "));
        sb.append(String.format("rflags=%x fcw=%04x fsw=%04x ftw=%02x mxcsr=%08x%n", s.rflags, s.fcw(), s.fsw(), s.ftw(), s.mxcsr()));
        for (int i = 0; i < 8; i++) {
            int phys = (i + (s.fsw() >> 11)) & 7;
            if ((s.ftw() >> phys & 1) != 0) sb.append(String.format("  st(%d) %04x:%016x%n", i, s.stSignExponent(i), s.stSignificand(i)));
        }
        for (int r = 0; r < 16; r++) {
            sb.append(String.format("  xmm%-2d %016x_%016x%s", r, s.xmmHigh(r), s.xmmLow(r), r % 2 == 1 ? "\n" : ""));
        }
        return sb.toString();
    }
}
