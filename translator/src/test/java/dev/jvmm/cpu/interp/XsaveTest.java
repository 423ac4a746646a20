package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * XGETBV/XSETBV, XSAVE/XRSTOR/XSAVEOPT and CPUID's XSAVE reports in flat 32-bit protected mode: the
 * XCR0 rules, the #UD/#NM/#GP conditions, the header and the init rules. The image bytes
 * themselves are checked against this machine's CPU by {@code XsaveOracleTest}.
 */
class XsaveTest {
    private static final long HANDLER = 0x9000, TSS = 0x3000, AREA = 0x40000, FX = 0x41000;
    private final GuestMemory mem = GuestMemory.create(4L << 20);
    private Cpu cpu;
    private Interpreter in;

    @AfterEach
    void close() {
        mem.close();
    }

    /** The entry state: CPL {@code cpl}, CR4.OSFXSR and, if asked, OSXSAVE; EBX points at the area. */
    private CpuState state(int cpl, boolean osxsave) {
        CpuState s = FlatProtectedMode.state(mem, 0x2F);
        mem.write64(FlatProtectedMode.GDT + 0x18, 0x00cffa000000ffffL); // code DPL 3
        mem.write64(FlatProtectedMode.GDT + 0x20, 0x00cff2000000ffffL); // data DPL 3
        if (cpl == 3) {
            s.seg[CpuState.CS] = SegmentState.fromDescriptor(0x1B, mem.read64(FlatProtectedMode.GDT + 0x18));
            SegmentState data = SegmentState.fromDescriptor(0x23, mem.read64(FlatProtectedMode.GDT + 0x20));
            for (int seg : new int[] {CpuState.ES, CpuState.SS, CpuState.DS, CpuState.FS, CpuState.GS}) s.seg[seg] = data;
            // a TSS with the ring-0 stack the exception handlers run on
            mem.write64(FlatProtectedMode.GDT + 0x28, 0x0000_8b00_0000_0068L | (TSS << 16));
            mem.write32(TSS + 4, 0x8000);
            mem.write32(TSS + 8, FlatProtectedMode.DATA_SELECTOR);
            s.tr = SegmentState.fromDescriptor(0x28, mem.read64(FlatProtectedMode.GDT + 0x28));
        }
        for (int v = 0; v < 32; v++) FlatProtectedMode.interruptGate(mem, v, HANDLER);
        mem.write8(HANDLER, 0xF4);
        s.cr4 = ControlBits.CR4_OSFXSR | (osxsave ? ControlBits.CR4_OSXSAVE : 0);
        s.gpr[CpuState.RBX] = AREA;
        s.gpr[CpuState.RSI] = FX;
        return s;
    }

    /** Runs {@code hex} then HLT (CPL 3: a #GP, vector 13, at the HLT); returns the vector raised or -1. */
    private int run(CpuState s, String hex) {
        byte[] code = HexFormat.of().parseHex(hex.replace(" ", "") + "f4");
        mem.writeBytes(FlatProtectedMode.CODE, code, 0, code.length);
        cpu = new Cpu(mem);
        cpu.setState(s);
        in = new Interpreter(cpu, new PortBus());
        for (int n = 0; n < 1000 && !cpu.halted; n++) in.step();
        assertTrue(cpu.halted, "the code ran to a HLT");
        if (cpu.rip == HANDLER + 1) return in.lastRaisedVector();
        assertEquals(FlatProtectedMode.CODE + code.length, cpu.rip, "ended at the final HLT");
        return -1;
    }

    private int run(CpuState s, String hex, long eax, long ecx, long edx) {
        s.gpr[CpuState.RAX] = eax;
        s.gpr[CpuState.RCX] = ecx;
        s.gpr[CpuState.RDX] = edx;
        return run(s, hex);
    }

    private static final String XGETBV = "0f01d0", XSETBV = "0f01d1", CPUID = "0fa2";
    private static final String XSAVE = "0fae23", XRSTOR = "0fae2b", XSAVEOPT = "0fae33", FXSAVE = "0fae06";

    @Test
    void cpuidReportsXsaveAndOsxsaveFollowsCr4() {
        assertEquals(-1, run(state(0, false), CPUID, 1, 0, 0));
        assertEquals(1 << 26, cpu.gpr[1] & (3 << 26), "XSAVE, not OSXSAVE");
        // mov eax, cr4; or eax, 0x40000; mov cr4, eax; mov eax, 1; cpuid
        assertEquals(-1, run(state(0, false), "0f20e0 0d00000400 0f22e0 b801000000" + CPUID));
        assertEquals(3 << 26, cpu.gpr[1] & (3 << 26), "XSAVE and OSXSAVE");
        assertEquals(-1, run(state(0, true), CPUID, 0, 0, 0));
        assertEquals(0xD, cpu.gpr[0], "max basic leaf");
        assertEquals(-1, run(state(0, true), CPUID, 0xD, 0, 0));
        assertEquals(3, cpu.gpr[0], "x87 and SSE");
        assertEquals(576, cpu.gpr[3]);
        assertEquals(576, cpu.gpr[1]);
        assertEquals(0, cpu.gpr[2]);
        assertEquals(-1, run(state(0, true), CPUID, 0xD, 1, 0));
        assertEquals(1, cpu.gpr[0], "XSAVEOPT");
        assertEquals(-1, run(state(0, true), CPUID, 0xD, 2, 0));
        assertEquals(0, cpu.gpr[0] | cpu.gpr[1] | cpu.gpr[2] | cpu.gpr[3]);
    }

    @Test
    void everyMemberIsUndefinedWhileCr4OsxsaveIsClear() {
        for (String op : new String[] {XGETBV, XSETBV, XSAVE, XRSTOR, XSAVEOPT}) {
            assertEquals(6, run(state(0, false), op, 3, 0, 0), op);
        }
        // Without OSXSAVE, setting it is what enables the set; with it, LOCK is still #UD
        assertEquals(6, run(state(0, true), "f0" + XGETBV, 0, 0, 0));
    }

    @Test
    void xsetbvChecksXcr0() {
        assertEquals(-1, run(state(0, true), XGETBV, 0, 0, 0));
        assertEquals(1, cpu.gpr[0], "XCR0 after reset: x87");
        assertEquals(0, cpu.gpr[2]);
        assertEquals(-1, run(state(0, true), XSETBV + "31c0" + XGETBV, 3, 0, 0)); // xsetbv; xor eax,eax; xgetbv
        assertEquals(3, cpu.gpr[0]);
        assertEquals(3, cpu.xcr0);
        for (long bad : new long[] {0, 2, 4, 5, 7, 1L << 32 | 1}) {
            assertEquals(13, run(state(0, true), XSETBV, bad, 0, bad >>> 32), "XCR0 " + bad);
            assertEquals(1, cpu.xcr0, "unchanged");
        }
        assertEquals(13, run(state(0, true), XSETBV, 3, 1, 0), "ECX 1");
        assertEquals(13, run(state(0, true), XGETBV, 0, 1, 0), "XGETBV ECX 1 (XINUSE) is not reported");
        assertEquals(13, run(state(3, true), XSETBV, 3, 0, 0), "CPL 3");
        assertEquals(13, run(state(3, true), XGETBV, 0, 0, 0), "XGETBV at CPL 3 runs: the #GP is the final HLT's");
        assertEquals(1, cpu.gpr[0]);
    }

    @Test
    void xsaveWritesTheFxsaveImageAndTheHeader() {
        CpuState s = state(0, true);
        s.xcr0 = 3;
        for (int k = 0; k < 16; k++) s.sse.xmm[k] = 0x1111_1111_1111_1111L * (k + 1);
        s.sse.mxcsr = 0x1F00;
        for (int k = 0; k < 1024; k++) mem.write8(AREA + k, 0xAA);
        // fld1; fldpi; fxsave [esi]; xsave [ebx]
        assertEquals(-1, run(s, "d9e8 d9eb" + FXSAVE + XSAVE, 3, 0, 0));
        byte[] fx = new byte[512], xs = new byte[576];
        mem.readBytes(FX, fx, 0, 512);
        mem.readBytes(AREA, xs, 0, 576);
        byte[] legacy = java.util.Arrays.copyOf(xs, 288);
        assertArrayEquals(java.util.Arrays.copyOf(fx, 288), legacy, "x87 + MXCSR + XMM0-7 as FXSAVE");
        assertEquals((byte) 0xAA, xs[288], "XMM8-15 are not saved outside 64-bit mode");
        assertEquals(0xAAAA_AAAA_AAAA_AAABL, mem.read64(AREA + 512), "XSTATE_BV bits 0-1 = XINUSE, the rest unchanged");
        assertEquals(0xAAAA_AAAA_AAAA_AAAAL, mem.read64(AREA + 520), "XCOMP_BV is not written");

        // Only x87 requested: MXCSR and the XMM registers stay as they were in memory
        for (int k = 0; k < 1024; k++) mem.write8(AREA + k, 0xAA);
        s = state(0, true);
        s.xcr0 = 3;
        assertEquals(-1, run(s, XSAVE, 1, 0, 0));
        assertEquals(0xAAAA_AAAAL, mem.read32(AREA + 24) & 0xFFFF_FFFFL);
        assertEquals(0x037F, mem.read16(AREA));
        assertEquals(0xAAAA_AAAA_AAAA_AAAAL, mem.read64(AREA + 512), "x87 in its initial state: XSTATE_BV[0] = 0, [1] unchanged");
        // XCR0 limits the request
        for (int k = 0; k < 1024; k++) mem.write8(AREA + k, 0xAA);
        s = state(0, true);
        s.sse.xmm[0] = 5;
        assertEquals(-1, run(s, XSAVE, 3, 0, 0));
        assertEquals(0xAAAA_AAAA_AAAA_AAAAL, mem.read64(AREA + 160), "SSE is not enabled in XCR0");
    }

    @Test
    void xsaveFaults() {
        CpuState s = state(0, true);
        s.gpr[CpuState.RBX] = AREA + 16;
        assertEquals(13, run(s, XSAVE, 3, 0, 0), "a 16-byte aligned area is not 64-byte aligned");
        s = state(0, true);
        s.cr0 |= ControlBits.CR0_TS;
        assertEquals(7, run(s, XSAVE, 3, 0, 0), "CR0.TS: #NM");
        s = state(0, true);
        s.cr0 |= ControlBits.CR0_EM;
        assertEquals(-1, run(s, XSAVE, 3, 0, 0), "CR0.EM does not matter");
    }

    @Test
    void xrstorLoadsOrInitializesEachRequestedComponent() {
        CpuState s = state(0, true);
        s.xcr0 = 3;
        for (int k = 0; k < 32; k++) s.sse.xmm[k] = k + 1;
        for (int k = 0; k < 576; k++) mem.write8(AREA + k, 0);
        mem.write32(AREA + 24, 0x1F81);
        mem.write64(AREA + 160, 0x1234);
        // XSTATE_BV = 0: both components to their initial state, MXCSR from memory nevertheless
        assertEquals(-1, run(s, "d9e8" + XRSTOR, 3, 0, 0));
        assertEquals(0xFFFF, cpu.fpu.tag);
        assertEquals(0, cpu.fpu.top);
        assertEquals(0, cpu.fpu.signExponent[7] | cpu.fpu.significand[7], "ST registers zeroed");
        assertEquals(0, cpu.xmm[0]);
        assertEquals(0, cpu.xmm[15]);
        assertEquals(17, cpu.xmm[16], "XMM8-15 untouched outside 64-bit mode");
        assertEquals(0x1F81, cpu.mxcsr);
        // XSTATE_BV = SSE: the XMM registers from memory
        mem.write64(AREA + 512, 2);
        assertEquals(-1, run(state(0, true), XSETBV + XRSTOR, 3, 0, 0));
        assertEquals(0x1234, cpu.xmm[0]);
        // only x87 requested: SSE left alone
        s = state(0, true);
        s.xcr0 = 3;
        s.sse.xmm[0] = 99;
        s.sse.mxcsr = 0x1F80;
        assertEquals(-1, run(s, XRSTOR, 1, 0, 0));
        assertEquals(99, cpu.xmm[0]);
        assertEquals(0x1F80, cpu.mxcsr);
    }

    @Test
    void xrstorRejectsABadHeaderOrMxcsrAndChangesNothing() {
        long[][] headers = {{4, 0, 0}, {1L << 63, 0, 0}, {3, 1L << 63, 0}, {3, 0, 1}};
        for (long[] h : headers) {
            for (int k = 0; k < 576; k++) mem.write8(AREA + k, 0);
            mem.write32(AREA + 24, 0x1F80);
            mem.write64(AREA + 512, h[0]);
            mem.write64(AREA + 520, h[1]);
            mem.write64(AREA + 528, h[2]);
            CpuState s = state(0, true);
            s.xcr0 = 3;
            s.sse.xmm[0] = 7;
            assertEquals(13, run(s, XRSTOR, 3, 0, 0), "header " + h[0] + " " + h[1] + " " + h[2]);
            assertEquals(7, cpu.xmm[0]);
        }
        for (int k = 0; k < 576; k++) mem.write8(AREA + k, 0);
        mem.write32(AREA + 24, 0x1_0000); // a reserved MXCSR bit
        CpuState s = state(0, true);
        s.xcr0 = 3;
        assertEquals(13, run(s, XRSTOR, 3, 0, 0));
        assertEquals(-1, run(s, XRSTOR, 1, 0, 0), "MXCSR is read only when SSE is requested");
    }

    @Test
    void xsaveoptSkipsComponentsInTheirInitialState() {
        for (int k = 0; k < 1024; k++) mem.write8(AREA + k, 0xAA);
        CpuState s = state(0, true);
        s.xcr0 = 3;
        assertEquals(-1, run(s, XSAVEOPT, 3, 0, 0));
        assertEquals(0xAAAA, mem.read16(AREA) & 0xFFFF, "x87 not written");
        assertEquals(0x1F80, mem.read32(AREA + 24), "MXCSR always written");
        assertEquals(0xAAAA_AAAA_AAAA_AAAAL, mem.read64(AREA + 160), "XMM not written");
        assertEquals(0xAAAA_AAAA_AAAA_AAA8L, mem.read64(AREA + 512));
        s.sse.xmm[3] = 1;
        assertEquals(-1, run(s, "d9e8" + XSAVEOPT, 3, 0, 0));
        assertEquals(0x037F, mem.read16(AREA));
        assertEquals(0, mem.read64(AREA + 160));
        assertEquals(0xAAAA_AAAA_AAAA_AAABL, mem.read64(AREA + 512));
    }

    @Test
    void x87IsInUseAfterFninitWhileARegisterHoldsAValue() {
        for (int k = 0; k < 1024; k++) mem.write8(AREA + k, 0xAA);
        CpuState s = state(0, true);
        // fld1; fninit; xsave: the register still holds 1.0
        assertEquals(-1, run(s, "d9e8 dbe3" + XSAVE, 1, 0, 0));
        assertEquals(0xAAAA_AAAA_AAAA_AAABL, mem.read64(AREA + 512));
        // xrstor with XSTATE_BV = 0 zeroes the registers: now in the initial state
        for (int k = 512; k < 576; k++) mem.write8(AREA + k, 0);
        assertEquals(-1, run(s, "d9e8" + XRSTOR + XSAVE, 1, 0, 0));
        assertEquals(0, mem.read64(AREA + 512));
    }
}
