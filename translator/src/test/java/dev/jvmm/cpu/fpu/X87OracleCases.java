package dev.jvmm.cpu.fpu;

import dev.jvmm.cpu.oracle.HostCase;
import dev.jvmm.cpu.oracle.MachineState;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random x87 oracle cases: sequences of x87 instructions (every register and memory form, memory
 * operands at [rbx+disp8] in a data buffer of 80-bit, double, float, integer and BCD values) over a
 * random x87 state: registers of every encoding class from {@link F80Operands}, a random TOP and
 * empty registers, and a control word of every precision and rounding mode, usually with every
 * exception masked and sometimes with some unmasked (the next waiting instruction then raises #MF).
 */
public final class X87OracleCases {
    private X87OracleCases() {}

    static final int DATA = 256;

    /** One instruction form: how to emit a random instance of it. */
    public interface Form {
        void encode(SplittableRandom rnd, ByteArrayOutputStream out);
    }

    /** ESC {@code esc} with a register operand: ModRM 11 reg rm, rm random when {@code anyRm}. */
    static Form register(int esc, int reg, boolean anyRm, int rm) {
        return (rnd, out) -> {
            out.write(esc);
            out.write(0xC0 | reg << 3 | (anyRm ? rnd.nextInt(8) : rm));
        };
    }

    /** ESC {@code esc} /reg with [rbx+disp8], disp a multiple of {@code align} leaving {@code size} bytes in the buffer. */
    static Form memory(int esc, int reg, int size) {
        return (rnd, out) -> {
            out.write(esc);
            out.write(0x40 | reg << 3 | 3);
            int slots = (Math.min(127, DATA - size)) / 2;
            out.write(2 * rnd.nextInt(slots + 1));
        };
    }

    /** Every x87 form except the environment and state images (see {@link #environmentForms}). */
    public static List<Form> forms() {
        List<Form> f = new ArrayList<>();
        int[] realSize = {4, 4, 4, 2}; // D8 m32real, DA m32int, DC m64real (8), DE m16int
        for (int reg = 0; reg < 8; reg++) {
            f.add(register(0xD8, reg, true, 0));
            f.add(register(0xDC, reg, true, 0));
            if (reg != 3) f.add(register(0xDE, reg, true, 0));
            f.add(memory(0xD8, reg, 4));
            f.add(memory(0xDA, reg, 4));
            f.add(memory(0xDC, reg, 8));
            f.add(memory(0xDE, reg, 2));
        }
        f.add(register(0xDE, 3, false, 1)); // FCOMPP
        // D9
        f.add(memory(0xD9, 0, 4));
        f.add(memory(0xD9, 2, 4));
        f.add(memory(0xD9, 3, 4));
        f.add(memory(0xD9, 7, 2)); // FNSTCW
        f.add(register(0xD9, 0, true, 0));
        f.add(register(0xD9, 1, true, 0));
        f.add(register(0xD9, 2, false, 0)); // FNOP
        f.add(register(0xD9, 3, true, 0));
        for (int rm : new int[] {0, 1, 4, 5}) f.add(register(0xD9, 4, false, rm));
        for (int rm = 0; rm < 7; rm++) f.add(register(0xD9, 5, false, rm));
        f.add(register(0xD9, 6, false, 6));
        f.add(register(0xD9, 6, false, 7));
        f.add(register(0xD9, 7, false, 2)); // FSQRT
        f.add(register(0xD9, 7, false, 4)); // FRNDINT
        f.add(register(0xD9, 6, false, 4)); // FXTRACT
        f.add(register(0xD9, 6, false, 5)); // FPREM1
        f.add(register(0xD9, 7, false, 0)); // FPREM
        f.add(register(0xD9, 7, false, 5)); // FSCALE
        // DA, DB
        for (int reg = 0; reg < 4; reg++) {
            f.add(register(0xDA, reg, true, 0));
            f.add(register(0xDB, reg, true, 0));
        }
        f.add(register(0xDA, 5, false, 1)); // FUCOMPP
        f.add(memory(0xDB, 0, 4));
        f.add(memory(0xDB, 1, 4));
        f.add(memory(0xDB, 2, 4));
        f.add(memory(0xDB, 3, 4));
        f.add(memory(0xDB, 5, 10));
        f.add(memory(0xDB, 7, 10));
        f.add(register(0xDB, 4, false, 2)); // FNCLEX
        f.add(register(0xDB, 5, true, 0)); // FUCOMI
        f.add(register(0xDB, 6, true, 0)); // FCOMI
        // DD
        f.add(memory(0xDD, 0, 8));
        f.add(memory(0xDD, 1, 8));
        f.add(memory(0xDD, 2, 8));
        f.add(memory(0xDD, 3, 8));
        f.add(memory(0xDD, 7, 2)); // FNSTSW m16
        for (int reg : new int[] {0, 1, 2, 3, 4, 5}) f.add(register(0xDD, reg, true, 0));
        // DF
        for (int reg = 0; reg < 8; reg++) f.add(memory(0xDF, reg, reg == 4 || reg == 6 ? 10 : reg >= 5 ? 8 : 2));
        for (int reg : new int[] {0, 1, 2, 3, 5, 6}) f.add(register(0xDF, reg, true, 0));
        f.add(register(0xDF, 4, false, 0)); // FNSTSW AX
        f.add((rnd, out) -> out.write(0x9B)); // FWAIT
        f.add(memory(0xD9, 5, 2)); // FLDCW from the buffer
        return f;
    }

    /**
     * FNSTENV/FLDENV/FNSAVE/FRSTOR (32-bit images: 28 and 108 bytes). A store is followed by two
     * {@code mov word [rbx+disp32], 0} that clear the CS and DS selectors it wrote: the host's are
     * Linux's, the sandbox's differ, and neither is the x87's business.
     */
    public static List<Form> environmentForms() {
        return List.of(imageStore(0xD9, 6, 28), memory(0xD9, 4, 28), imageStore(0xDD, 6, 108), memory(0xDD, 4, 108));
    }

    private static Form imageStore(int esc, int reg, int size) {
        return (rnd, out) -> {
            int disp = 2 * rnd.nextInt((Math.min(127, DATA - size)) / 2 + 1);
            out.write(esc);
            out.write(0x40 | reg << 3 | 3);
            out.write(disp);
            for (int field : new int[] {16, 24}) {
                int d = disp + field;
                out.writeBytes(new byte[] {0x66, (byte) 0xC7, (byte) 0x83, (byte) d, (byte) (d >> 8), 0, 0, 0, 0});
            }
        };
    }

    /** A random start: x87 registers, TOP, tags, control word and a data buffer of FPU values. */
    public static MachineState randomState(SplittableRandom rnd) {
        F80Operands operands = new F80Operands(rnd.nextLong());
        MachineState s = MachineState.initial(DATA);
        s.rflags = rnd.nextLong() & 0x8D5;
        int pc = new int[] {0, 2, 3, 3}[rnd.nextInt(4)], rc = rnd.nextInt(4);
        int masks = rnd.nextInt(6) == 0 ? rnd.nextInt(64) : 0x3F;
        s.setFcw(0x40 | masks | pc << 8 | rc << 10);
        int top = rnd.nextInt(8);
        s.setFsw(top << 11);
        int occupied = 0, depth = rnd.nextInt(9); // usually a stack of depth registers from TOP, sometimes any pattern
        for (int i = 0; i < depth; i++) occupied |= 1 << ((top + i) & 7);
        s.setFtw(rnd.nextInt(4) == 0 ? rnd.nextInt(256) : occupied);
        for (int i = 0; i < 8; i++) {
            F80 v = operands.next();
            s.setSt(i, v.se(), v.sig());
        }
        for (int k = 0; k + 10 <= DATA; k += 10) {
            long low, high;
            switch (rnd.nextInt(6)) {
                case 0 -> {
                    F80 v = operands.next();
                    low = v.sig();
                    high = v.se();
                }
                case 1 -> {
                    low = F80Convert.toDouble(operands.next(), new FpEnv(0x37F));
                    high = rnd.nextInt(0x10000);
                }
                case 2 -> {
                    low = F80Convert.toFloat(operands.next(), new FpEnv(0x37F)) & 0xFFFF_FFFFL
                            | (long) F80Convert.toFloat(operands.next(), new FpEnv(0x37F)) << 32;
                    high = rnd.nextInt(0x10000);
                }
                case 3 -> {
                    long[] bcd = F80Convert.toBcd(F80Convert.fromInt(rnd.nextLong() >> rnd.nextInt(64)), new FpEnv(0x37F));
                    low = bcd[0];
                    high = bcd[1];
                }
                case 4 -> { // a control word (for FLDCW) and integers
                    low = (0x40 | (rnd.nextInt(4) == 0 ? rnd.nextInt(64) : 0x3F) | rnd.nextInt(4) << 8 | rnd.nextInt(4) << 10)
                            | (rnd.nextLong() << 16);
                    high = rnd.nextInt(0x10000);
                }
                default -> {
                    low = rnd.nextLong() >> rnd.nextInt(64);
                    high = rnd.nextInt(0x10000);
                }
            }
            for (int b = 0; b < 8; b++) s.data[k + b] = (byte) (low >>> (8 * b));
            s.data[k + 8] = (byte) high;
            s.data[k + 9] = (byte) (high >>> 8);
        }
        return s;
    }

    /** {@code count} cases of 1 to {@code maxLength} instructions drawn from {@code forms}. */
    public static List<HostCase> cases(List<Form> forms, int count, int maxLength, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<HostCase> cases = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            ByteArrayOutputStream code = new ByteArrayOutputStream();
            int length = rnd.nextInt(1, maxLength + 1);
            for (int k = 0; k < length; k++) forms.get(rnd.nextInt(forms.size())).encode(rnd, code);
            cases.add(new HostCase(code.toByteArray(), randomState(rnd)));
        }
        return cases;
    }
}
