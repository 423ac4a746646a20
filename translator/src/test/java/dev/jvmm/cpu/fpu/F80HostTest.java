package dev.jvmm.cpu.fpu;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvmm.cpu.oracle.HostCase;
import dev.jvmm.cpu.oracle.HostCpu;
import dev.jvmm.cpu.oracle.MachineState;
import dev.jvmm.cpu.oracle.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The soft-float core against this machine's CPU: each case loads ST0 and ST1 (and memory) with
 * operands from {@link F80Operands}, runs one x87 instruction natively with a control word of
 * every precision and rounding mode (masked, and some with every exception unmasked, where the
 * host keeps the exception pending and shows the bias-adjusted or withheld result), and checks the
 * core's result and status flags bit for bit against the host's.
 */
class F80HostTest {
    private static final int CASES_PER_OP = 2500;
    /** Status bits compared: the exception flags, ES, C0-C3 and B. */
    private static final int ARITH_BITS = 0x3F | 0x80 | FpEnv.C1 | 0x8000, COMPARE_BITS = ARITH_BITS | 0x4500;

    enum Kind { REGISTER, COMPARE, FLAGS_COMPARE, MEMORY, LOAD }

    /** The core's side of an instruction: the result as two longs (low 8 bytes, the rest). */
    interface Semantics {
        long[] apply(F80 a, F80 b, FpEnv env);
    }

    record Op(String name, Kind kind, int bytes, Semantics semantics, int... code) {}

    private static long[] reg(F80 r) {
        return new long[] {r.sig(), r.se()};
    }

    private static final List<Op> OPS = List.of(
            new Op("fadd st0,st1", Kind.REGISTER, 10, (a, b, e) -> reg(F80Arith.add(a, b, e)), 0xD8, 0xC1),
            new Op("fsub st0,st1", Kind.REGISTER, 10, (a, b, e) -> reg(F80Arith.sub(a, b, e)), 0xD8, 0xE1),
            new Op("fsubr st0,st1", Kind.REGISTER, 10, (a, b, e) -> reg(F80Arith.sub(b, a, e)), 0xD8, 0xE9),
            new Op("fmul st0,st1", Kind.REGISTER, 10, (a, b, e) -> reg(F80Arith.mul(a, b, e)), 0xD8, 0xC9),
            new Op("fdiv st0,st1", Kind.REGISTER, 10, (a, b, e) -> reg(F80Arith.div(a, b, e)), 0xD8, 0xF1),
            new Op("fdivr st0,st1", Kind.REGISTER, 10, (a, b, e) -> reg(F80Arith.div(b, a, e)), 0xD8, 0xF9),
            new Op("fsqrt", Kind.REGISTER, 10, (a, b, e) -> reg(F80Arith.sqrt(a, e)), 0xD9, 0xFA),
            new Op("frndint", Kind.REGISTER, 10, (a, b, e) -> reg(F80Convert.roundToInteger(a, e)), 0xD9, 0xFC),
            new Op("fcom st1", Kind.COMPARE, 0, (a, b, e) -> new long[] {F80Compare.compare(a, b, false, e), 0}, 0xD8, 0xD1),
            new Op("fucom st1", Kind.COMPARE, 0, (a, b, e) -> new long[] {F80Compare.compare(a, b, true, e), 0}, 0xDD, 0xE1),
            new Op("ftst", Kind.COMPARE, 0, (a, b, e) -> new long[] {F80Compare.compare(a, F80.POS_ZERO, false, e), 0}, 0xD9, 0xE4),
            new Op("fcomi st0,st1", Kind.FLAGS_COMPARE, 0, (a, b, e) -> new long[] {F80Compare.compare(a, b, false, e), 0}, 0xDB, 0xF1),
            new Op("fucomi st0,st1", Kind.FLAGS_COMPARE, 0, (a, b, e) -> new long[] {F80Compare.compare(a, b, true, e), 0}, 0xDB, 0xE9),
            new Op("fst dword [rbx]", Kind.MEMORY, 4, (a, b, e) -> new long[] {F80Convert.toFloat(a, e) & 0xFFFF_FFFFL, 0}, 0xD9, 0x13),
            new Op("fst qword [rbx]", Kind.MEMORY, 8, (a, b, e) -> new long[] {F80Convert.toDouble(a, e), 0}, 0xDD, 0x13),
            new Op("fist word [rbx]", Kind.MEMORY, 2, (a, b, e) -> new long[] {F80Convert.toInt(a, 2, false, e) & 0xFFFF, 0}, 0xDF, 0x13),
            new Op("fist dword [rbx]", Kind.MEMORY, 4, (a, b, e) -> new long[] {F80Convert.toInt(a, 4, false, e) & 0xFFFF_FFFFL, 0}, 0xDB, 0x13),
            new Op("fistp qword [rbx]", Kind.MEMORY, 8, (a, b, e) -> new long[] {F80Convert.toInt(a, 8, false, e), 0}, 0xDF, 0x3B),
            new Op("fisttp word [rbx]", Kind.MEMORY, 2, (a, b, e) -> new long[] {F80Convert.toInt(a, 2, true, e) & 0xFFFF, 0}, 0xDF, 0x0B),
            new Op("fisttp dword [rbx]", Kind.MEMORY, 4, (a, b, e) -> new long[] {F80Convert.toInt(a, 4, true, e) & 0xFFFF_FFFFL, 0}, 0xDB, 0x0B),
            new Op("fisttp qword [rbx]", Kind.MEMORY, 8, (a, b, e) -> new long[] {F80Convert.toInt(a, 8, true, e), 0}, 0xDD, 0x0B),
            new Op("fbstp tword [rbx]", Kind.MEMORY, 10, (a, b, e) -> F80Convert.toBcd(a, e), 0xDF, 0x33),
            new Op("fld dword [rbx]", Kind.LOAD, 4, (a, b, e) -> reg(F80Convert.fromFloat((int) floatInput(a, b), e)), 0xD9, 0x03),
            new Op("fld qword [rbx]", Kind.LOAD, 8, (a, b, e) -> reg(F80Convert.fromDouble(doubleInput(a, b), e)), 0xDD, 0x03),
            new Op("fild qword [rbx]", Kind.LOAD, 8, (a, b, e) -> reg(F80Convert.fromInt(b.sig() >> (a.sig() & 63))), 0xDF, 0x2B),
            new Op("fbld tword [rbx]", Kind.LOAD, 10, (a, b, e) -> {
                long[] bcd = bcdInput(a, b);
                return reg(F80Convert.fromBcd(bcd[0], (int) bcd[1]));
            }, 0xDF, 0x23));

    /** The memory operand of a load, derived from the case's operands. */
    private static long[] loadInput(Op op, F80 a, F80 b) {
        return switch (op.name()) {
            case "fld dword [rbx]" -> new long[] {floatInput(a, b) & 0xFFFF_FFFFL, 0};
            case "fld qword [rbx]" -> new long[] {doubleInput(a, b), 0};
            case "fild qword [rbx]" -> new long[] {b.sig() >> (a.sig() & 63), 0};
            default -> bcdInput(a, b);
        };
    }

    /** A float of every class: {@code a} rounded to single precision, its low bits varied by {@code b}. */
    private static long floatInput(F80 a, F80 b) {
        int bits = F80Convert.toFloat(a, new FpEnv(0x037F));
        return (b.sig() & 1) != 0 ? bits ^ (int) (b.sig() >>> 40 & 0xFF) : bits;
    }

    private static long doubleInput(F80 a, F80 b) {
        long bits = F80Convert.toDouble(a, new FpEnv(0x037F));
        return (b.sig() & 1) != 0 ? bits ^ (b.sig() >>> 20 & 0xFFFF) : bits;
    }

    /** Valid packed BCD: 18 digits from {@code b}'s significand, the sign from {@code a}. */
    private static long[] bcdInput(F80 a, F80 b) {
        long low = 0, high = a.negative() ? 0x8000 : 0, source = b.sig();
        int digits = (int) (a.sig() & 15) + 3;
        for (int i = 0; i < Math.min(18, digits); i++) {
            long digit = Long.remainderUnsigned(source, 10);
            source = Long.divideUnsigned(source, 10) ^ (source << 7);
            if (i < 16) low |= digit << (4 * i);
            else high |= digit << (4 * (i - 16));
        }
        return new long[] {low, high};
    }

    private static final int[] CONTROLS;

    static {
        List<Integer> controls = new ArrayList<>();
        for (int pc : new int[] {0, 2, 3}) {
            for (int rc = 0; rc < 4; rc++) controls.add(0x007F | pc << 8 | rc << 10);
        }
        controls.add(0x0040 | 3 << 8); // every exception unmasked
        controls.add(0x0040 | 0x20 | 2 << 8 | 1 << 10); // all but precision unmasked
        controls.add(0x0040 | 0x20 | 0 << 8 | 3 << 10);
        CONTROLS = controls.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void everyOperationAgreesWithTheHost() throws IOException {
        assumeTrue(HostCpu.unavailableReason() == null, HostCpu.unavailableReason());
        List<String> failures = new ArrayList<>();
        Map<String, Integer> failuresByOp = new TreeMap<>();
        try (HostCpu host = HostCpu.start()) {
            F80Operands operands = new F80Operands(0x87);
            for (Op op : OPS) {
                List<HostCase> cases = new ArrayList<>();
                List<F80[]> inputs = new ArrayList<>();
                List<Integer> controls = new ArrayList<>();
                List<F80> specials = F80Operands.specials();
                for (int n = 0; n < CASES_PER_OP; n++) {
                    F80 a, b;
                    if (n < specials.size() * specials.size() && op.kind() != Kind.LOAD && n < CASES_PER_OP / 2) {
                        a = specials.get(n % specials.size());
                        b = specials.get((n / specials.size()) % specials.size());
                    } else {
                        a = operands.next();
                        b = operands.nextInt(3) == 0 ? operands.near(a) : operands.next();
                    }
                    int control = CONTROLS[operands.nextInt(CONTROLS.length)];
                    inputs.add(new F80[] {a, b});
                    controls.add(control);
                    cases.add(hostCase(op, a, b, control));
                }
                List<Outcome> outcomes = host.run(cases);
                for (int n = 0; n < cases.size(); n++) {
                    F80 a = inputs.get(n)[0], b = inputs.get(n)[1];
                    String mismatch = mismatch(op, a, b, controls.get(n), outcomes.get(n));
                    if (mismatch != null) {
                        int count = failuresByOp.merge(op.name(), 1, Integer::sum);
                        if (count <= 4) failures.add(mismatch);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), failuresByOp + "\n" + String.join("\n", failures));
    }

    private static HostCase hostCase(Op op, F80 a, F80 b, int control) {
        MachineState s = MachineState.initial(16);
        s.setFcw(control);
        if (op.kind() == Kind.LOAD) {
            put(s.data, loadInput(op, a, b), op.bytes());
        } else {
            s.setSt(0, a.se(), a.sig());
            s.setSt(1, b.se(), b.sig());
            s.setFtw(0x03); // TOP 0: ST0 and ST1 are physical registers 0 and 1
        }
        byte[] code = new byte[op.code().length];
        for (int i = 0; i < code.length; i++) code[i] = (byte) op.code()[i];
        return new HostCase(code, s);
    }

    private static void put(byte[] data, long[] value, int bytes) {
        for (int i = 0; i < bytes; i++) data[i] = (byte) ((i < 8 ? value[0] >>> (8 * i) : value[1] >>> (8 * (i - 8))));
    }

    private static long[] get(byte[] data, int bytes) {
        long low = 0, high = 0;
        for (int i = 0; i < bytes; i++) {
            long b = data[i] & 0xFFL;
            if (i < 8) low |= b << (8 * i);
            else high |= b << (8 * (i - 8));
        }
        return new long[] {low, high};
    }

    /** Null if the core agrees with the host, else a report. */
    private static String mismatch(Op op, F80 a, F80 b, int control, Outcome host) {
        if (host.vector() != Outcome.COMPLETED) return op.name() + " " + a + " " + b + ": host " + host.describe();
        FpEnv env = new FpEnv(control);
        long[] result = op.semantics().apply(a, b, env);
        MachineState after = host.state();
        int pending = env.flags & ~control & 0x3F;
        int status = env.flags | (pending != 0 ? 0x8080 : 0); // ES and B with an unmasked exception pending
        long[] want, got;
        int bits = op.kind() == Kind.COMPARE ? COMPARE_BITS : ARITH_BITS;
        switch (op.kind()) {
            case REGISTER, LOAD -> {
                if (env.blocksResult(false, op.kind() == Kind.LOAD)) result = op.kind() == Kind.LOAD ? new long[] {0, 0} : reg(a);
                want = result;
                got = new long[] {after.stSignificand(0), after.stSignExponent(0)};
            }
            case MEMORY -> {
                if (env.blocksResult(true, false)) result = new long[] {0, 0};
                want = result;
                got = get(after.data, op.bytes());
            }
            case COMPARE -> {
                status |= (int) result[0];
                want = got = new long[0];
            }
            default -> { // FCOMI: ZF, PF, CF from C3, C2, C0
                int cc = (int) result[0];
                long flags = ((cc & F80Compare.C3) != 0 ? 0x40 : 0) | ((cc & F80Compare.C2) != 0 ? 4 : 0) | ((cc & F80Compare.C0) != 0 ? 1 : 0);
                if (env.blocksResult(false, false)) flags = -1;
                want = new long[] {flags};
                got = new long[] {flags == -1 ? -1 : after.rflags & 0x45};
            }
        }
        int hostStatus = after.fsw() & bits;
        boolean same = java.util.Arrays.equals(want, got) && (status & bits) == hostStatus;
        if (same) return null;
        return String.format("%s a=%s b=%s fcw=%04x: want %s status %04x, host %s status %04x", op.name(), a, b, control,
                hex(want), status & bits, hex(got), hostStatus);
    }

    private static String hex(long[] v) {
        StringBuilder s = new StringBuilder();
        for (int i = v.length - 1; i >= 0; i--) s.append(String.format(i == v.length - 1 ? "%x" : ":%016x", v[i]));
        return s.toString();
    }
}
