package dev.jvmm.cpu.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.core.memory.GuestMemory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The oracle itself: states survive the trip, faults come back as vectors, differences are found and named. */
class HostOracleHarnessTest {
    private static HostOracle oracle;

    @BeforeAll
    static void start() throws IOException {
        String why = HostOracle.unavailableReason();
        if (why != null) System.out.println("HostOracleHarnessTest skipped: " + why);
        assumeTrue(why == null, why);
        oracle = HostOracle.start();
    }

    @AfterAll
    static void stop() {
        if (oracle != null) oracle.close();
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** A random state: GPRs, flags, x87 registers with random tags and TOP, MXCSR and XMM (RBX and RSP point at the sandbox pages). */
    static MachineState randomState(SplittableRandom rnd, int dataLength) {
        MachineState s = MachineState.initial(dataLength);
        for (int r = 0; r < 16; r++) if (r != MachineState.RBX && r != MachineState.RSP) s.gpr[r] = rnd.nextLong();
        s.rflags = rnd.nextLong() & Tolerance.ARITHMETIC_AND_DF;
        s.setFcw(0x0040 | (rnd.nextInt() & 0x1F3F)); // bit 6 reads as one; precision, rounding, masks at random
        s.setFsw(rnd.nextInt() & 0x3800); // TOP only: a pending-exception summary would fault the next x87 instruction
        s.setFtw(rnd.nextInt(256));
        for (int i = 0; i < 8; i++) s.setSt(i, rnd.nextInt(0x10000), rnd.nextLong());
        s.setMxcsr(rnd.nextInt() & 0xFFFF);
        for (int r = 0; r < 16; r++) s.setXmm(r, rnd.nextLong(), rnd.nextLong());
        rnd.nextBytes(s.data);
        return s;
    }

    @Test
    void withNoCodeTheHostAndJvmmGiveBackTheStartState() throws IOException {
        SplittableRandom rnd = new SplittableRandom(1);
        List<HostCase> cases = new ArrayList<>();
        for (int n = 0; n < 500; n++) cases.add(new HostCase(new byte[0], randomState(rnd, 256)));
        List<Outcome> host = oracle.hostOnly(cases);
        for (int n = 0; n < cases.size(); n++) {
            MachineState in = cases.get(n).start(), out = host.get(n).state();
            assertEquals(Outcome.COMPLETED, host.get(n).vector());
            assertEquals(MachineState.CODE, host.get(n).rip());
            assertTrue(Arrays.equals(in.gpr, out.gpr), "gprs");
            assertEquals(in.rflags, out.rflags & Tolerance.ARITHMETIC_AND_DF);
            assertEquals(in.mxcsr(), out.mxcsr());
            assertEquals(in.fcw(), out.fcw());
            assertEquals(in.fsw(), out.fsw());
            assertEquals(in.ftw(), out.ftw());
            assertTrue(Arrays.equals(in.data, out.data), "data");
            for (int i = 0; i < 8; i++) {
                assertEquals(in.stSignificand(i), out.stSignificand(i));
                assertEquals(in.stSignExponent(i), out.stSignExponent(i));
            }
            for (int r = 0; r < 16; r++) assertEquals(in.xmmLow(r) + ":" + in.xmmHigh(r), out.xmmLow(r) + ":" + out.xmmHigh(r));
        }
        List<String> failures = oracle.check(cases);
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    @Test
    void jvmmsImageConversionRecomputesTheFullTagWord() {
        try (GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM)) {
            Cpu c = new Cpu(mem);
            MachineState s = MachineState.initial(0);
            s.setFsw(5 << 11); // TOP = 5: ST(i) is physical register (5 + i) & 7
            s.setFtw(0b1111_0001); // physical 0, 4, 5, 6, 7 in use
            s.setSt(3, 0x3FFF, 1L << 63); // physical 0: 1.0, valid
            s.setSt(0, 0x8000, 0); // physical 5: -0.0, zero
            s.setSt(1, 0x7FFF, 0xC000_0000_0000_0000L); // physical 6: a NaN, special
            s.setSt(2, 0x4000, 0x4000_0000_0000_0000L); // physical 7: unnormal, special
            s.setSt(7, 0x0000, 1); // physical 4: denormal, special
            FxImage.load(s, c);
            assertEquals(5, c.fpu.top);
            assertEquals(0b10_10_01_10_11_11_11_00, c.fpu.tag);
            assertEquals(1L << 63, c.fpu.significand[0]);
            MachineState back = MachineState.initial(0);
            FxImage.store(c, back);
            assertTrue(Arrays.equals(s.fx, back.fx), "FXSAVE image after load and store");
        }
    }

    @Test
    void faultsComeBackAsVectorsWithTheStateAtTheFaultingInstruction() throws IOException {
        MachineState s = MachineState.initial(64);
        s.gpr[0] = 7;
        s.setXmm(2, 0x1122, 0x3344);
        List<HostCase> cases = List.of(
                new HostCase(hex("48 ff c0  0f 0b"), s), // inc rax; ud2
                new HostCase(hex("48 ff c0  0f 28 43 01"), s), // inc rax; movaps xmm0, [rbx+1]: misaligned
                new HostCase(hex("48 ff c0  48 8b 04 25 00 00 50 00"), s), // inc rax; mov rax, [0x500000]: not mapped
                new HostCase(hex("31 c9  48 f7 f1"), s), // xor ecx, ecx; div rcx
                new HostCase(hex("66 0f d4 d2  0f 11 53 10"), s)); // paddq xmm2, xmm2; movups [rbx+16], xmm2
        List<Outcome> out = oracle.hostOnly(cases);
        assertEquals("#UD", out.get(0).describe());
        assertEquals(MachineState.CODE + 3, out.get(0).rip());
        assertEquals(8, out.get(0).state().gpr[0], "the state at the fault, after the INC before it");
        assertEquals("#GP(0)", out.get(1).describe());
        assertEquals(MachineState.CODE + 3, out.get(1).rip());
        assertEquals(0x1122, out.get(1).state().xmmLow(2), "the XMM state at the fault");
        assertEquals(14, out.get(2).vector());
        assertEquals("#DE", out.get(3).describe());
        assertEquals(MachineState.CODE + 2, out.get(3).rip());
        assertEquals("ran to the end", out.get(4).describe());
        assertEquals(0x2244, out.get(4).state().xmmLow(2));
        assertEquals(0x44, out.get(4).state().data[16]);
        assertEquals(0x22, out.get(4).state().data[17]);
        assertEquals(0x88, out.get(4).state().data[24] & 0xFF);
    }

    /** Random register and [rbx+disp8] forms of the integer instructions whose flags are all defined. */
    static byte[] randomIntegerSequence(SplittableRandom rnd, int n) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int k = 0; k < n; k++) {
            int reg = rnd.nextInt(16), rm = rnd.nextInt(16);
            while (reg == 3 || reg == 4) reg = rnd.nextInt(16);
            boolean memory = rnd.nextInt(3) == 0;
            int rex = 0x40 | (rnd.nextBoolean() ? 8 : 0) | (reg >= 8 ? 4 : 0) | (!memory && rm >= 8 ? 1 : 0);
            int kind = rnd.nextInt(4);
            int opcode = switch (kind) {
                case 0 -> rnd.nextInt(8) * 8 + 3; // ALU reg, r/m
                case 1 -> rnd.nextInt(8) * 8 + 1; // ALU r/m, reg
                case 2 -> 0x8B; // MOV reg, r/m
                default -> 0x85; // TEST
            };
            if (kind == 1 && !memory) while (rm == 3 || rm == 4) rm = rnd.nextInt(16);
            if (kind == 1 && !memory) rex = (rex & ~1) | (rm >= 8 ? 1 : 0);
            b.write(rex);
            b.write(opcode);
            if (memory) {
                b.write(0x43 | (reg & 7) << 3); // [rbx + disp8]
                b.write(rnd.nextInt(0, 120) & ~7);
            } else {
                b.write(0xC0 | (reg & 7) << 3 | (rm & 7));
            }
        }
        return b.toByteArray();
    }

    @Test
    void randomIntegerSequencesAgreeWithTheHost() throws IOException {
        SplittableRandom rnd = new SplittableRandom(2);
        List<HostCase> cases = new ArrayList<>();
        for (int n = 0; n < Integer.getInteger("jvmm.test.harnessCases", 2000); n++) cases.add(new HostCase(randomIntegerSequence(rnd, rnd.nextInt(1, 12)), randomState(rnd, 128)));
        List<String> failures = oracle.check(cases);
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    @Test
    void aDisagreementNamesTheInstructionAndTheField() throws IOException {
        // CPUID leaf 1: jvmm reports its own processor signature (family, model, APIC ID), never this
        // machine's, whichever vendor the host is. The report narrows to it.
        MachineState s = MachineState.initial(16);
        List<String> failures = oracle.check(List.of(new HostCase(hex("48 01 c8  b8 01 00 00 00  0f a2  48 ff c2"), s)));
        assertEquals(1, failures.size(), () -> String.join("\n", failures));
        String report = failures.getFirst();
        assertTrue(report.contains("after instruction 3 of 4"), report);
        assertTrue(report.contains("cpuid"), report);
        assertTrue(report.matches("(?s).*\n  r[abcd]x [0-9a-f]+, host [0-9a-f]+\n.*"), report);
    }
}
