package dev.jvmm.cpu.interp;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.decode.Feature;
import dev.jvmm.cpu.decode.Rows;
import dev.jvmm.cpu.fpu.X87;

/**
 * The XSAVE feature set for the two state components jvmm has, x87 (bit 0) and SSE (bit 1) (Intel
 * SDM vol. 1 chapter 13; vol. 2 XGETBV, XSETBV, XSAVE, XRSTOR, XSAVEOPT). The save area is the
 * FXSAVE image ({@link SimdState}) plus the 64-byte XSAVE header at offset 512, standard form only
 * (no XSAVEC/XSAVES, so XRSTOR refuses a compacted header).
 *
 * <p>XINUSE, which XSAVE copies into the header's XSTATE_BV, is computed from the values, as this
 * machine's AMD CPU reports it through XGETBV(1) (checked there after FXRSTOR and FNINIT): x87 is
 * in use unless FCW=0x37F, FSW=0, every register empty and zero and the pointers and opcode zero
 * (so after FNINIT only if the registers hold zeros); SSE unless the mode's XMM registers are
 * zero (MXCSR is outside the SSE component's initial configuration, SDM vol. 1 §13.6; that CPU
 * also counts an LDMXCSR of another value than 0x1F80 as use, which the SDM allows). XSAVEOPT skips the x87 and XMM bytes of components not in use (MXCSR
 * is always saved), as that CPU does; it has no "unmodified since XRSTOR" optimization, which the
 * SDM allows but does not require.
 */
public final class Xsave {
    private Xsave() {}

    /** XCR0 bits a guest may set: x87 and SSE (CPUID leaf 0xD sub-leaf 0 EDX:EAX). */
    public static final long SUPPORTED_XCR0 = 3;
    /** Bytes of an XSAVE area for the supported components: the legacy region and the header. */
    public static final int AREA_SIZE = 512 + 64;
    /** CPUID 0xD sub-leaf 1 EAX: XSAVEOPT only. */
    public static final int LEAF_D_1_EAX = 1;

    private static final int HEADER = 512;
    private static final long X87_BIT = 1, SSE_BIT = 2;

    /** Adds the rows: XGETBV/XSETBV (0F 01 D0/D1) and XSAVE/XRSTOR/XSAVEOPT (0F AE /4 /5 /6, memory). */
    public static void add(Rows r) {
        r.add("NP 0F 01 D0", "xgetbv").feature(Feature.XSAVE).exec(Xsave::xgetbv);
        r.add("NP 0F 01 D1", "xsetbv").feature(Feature.XSAVE).exec(Xsave::xsetbv);
        r.add("NP 0F AE /4 !11", "xsave64 M").feature(Feature.XSAVE).exec(in -> save(in, false));
        r.add("NP 0F AE /5 !11", "xrstor64 M").feature(Feature.XSAVE).exec(Xsave::restore);
        r.add("NP 0F AE /6 !11", "xsaveopt64 M").feature(Feature.XSAVE).exec(in -> save(in, true));
    }

    /** #UD unless CR4.OSXSAVE is set (every member of the feature set). */
    private static void checkEnabled(Interpreter in) {
        if ((in.c.cr4 & ControlBits.CR4_OSXSAVE) == 0) throw in.ud();
    }

    static void xgetbv(Interpreter in) {
        checkEnabled(in);
        Cpu c = in.c;
        if ((int) c.gpr[1] != 0) throw c.gp(0); // XCR0 is the only XCR (no XGETBV with ECX = 1)
        c.gpr[0] = c.xcr0 & 0xFFFF_FFFFL;
        c.gpr[2] = c.xcr0 >>> 32;
    }

    static void xsetbv(Interpreter in) {
        checkEnabled(in);
        Cpu c = in.c;
        if (c.cpl != 0 || (int) c.gpr[1] != 0) throw c.gp(0);
        long v = (c.gpr[2] & 0xFFFF_FFFFL) << 32 | (c.gpr[0] & 0xFFFF_FFFFL);
        if (!validXcr0(v)) throw c.gp(0);
        c.xcr0 = v;
    }

    /** A value XSETBV accepts: x87 set, nothing beyond the supported components. */
    public static boolean validXcr0(long v) {
        return (v & X87_BIT) != 0 && (v & ~SUPPORTED_XCR0) == 0;
    }

    /** XINUSE for the supported components (see the class comment). */
    static long inUse(Cpu c) {
        X87 f = c.fpu;
        boolean x87 = f.control != 0x037F || f.statusWord() != 0 || f.tag != 0xFFFF || f.lastOpcode != 0
                || f.lastIp != 0 || f.lastDp != 0 || f.lastCs != 0 || f.lastDs != 0;
        for (int p = 0; p < 8 && !x87; p++) x87 = f.significand[p] != 0 || (f.signExponent[p] & 0xFFFF) != 0;
        boolean sse = false;
        for (int k = 0; k < 2 * SimdState.xmmCount(c) && !sse; k++) sse = c.xmm[k] != 0;
        return (x87 ? X87_BIT : 0) | (sse ? SSE_BIT : 0);
    }

    /** The address of the area, after the checks every XSAVE-family access makes (#UD, #NM, 64-byte alignment). */
    private static long area(Interpreter in) {
        checkEnabled(in);
        Cpu c = in.c;
        if ((c.cr0 & ControlBits.CR0_TS) != 0) throw c.fault.raise(CpuException.NM, -1);
        long ea = in.computeEa();
        long lin = c.linear(in.i.memSeg, ea, AREA_SIZE, false);
        if ((lin & 63) != 0) throw c.gp(0);
        return ea;
    }

    private static long requested(Cpu c) {
        return c.xcr0 & ((c.gpr[2] & 0xFFFF_FFFFL) << 32 | (c.gpr[0] & 0xFFFF_FFFFL));
    }

    /**
     * XSAVE and XSAVEOPT: the requested components, and their XINUSE bits into XSTATE_BV;
     * XSAVEOPT ({@code skipUnused}) leaves the x87 and XMM bytes of components not in use alone.
     */
    static void save(Interpreter in, boolean skipUnused) {
        long ea = area(in);
        Cpu c = in.c;
        int seg = in.i.memSeg;
        long m = Cpu.mask(in.i.addrSize);
        long rfbm = requested(c);
        long used = inUse(c);
        boolean x87 = (rfbm & X87_BIT) != 0 && (!skipUnused || (used & X87_BIT) != 0);
        boolean sse = (rfbm & SSE_BIT) != 0;
        boolean xmm = sse && (!skipUnused || (used & SSE_BIT) != 0);
        // Check every byte that will be written before the first store (a fault must leave memory alone).
        if (x87) writable(c, seg, ea, 0, 160, m);
        if (sse) writable(c, seg, ea, 24, 8, m);
        if (xmm) writable(c, seg, ea, 160, 16 * SimdState.xmmCount(c), m);
        writable(c, seg, ea, HEADER, 8, m);
        long bv = c.read(seg, (ea + HEADER) & m, 8);
        if (x87) SimdState.storeX87(c, in.i, ea);
        if (sse) SimdState.storeMxcsr(c, in.i, ea);
        if (xmm) SimdState.storeXmm(c, in.i, ea);
        c.write(seg, (ea + HEADER) & m, 8, bv & ~rfbm | used & rfbm);
    }

    private static void writable(Cpu c, int seg, long ea, int from, int length, long m) {
        c.linearWritable(seg, (ea + from) & m, 1);
        c.linearWritable(seg, (ea + from + length - 1) & m, 1);
    }

    /**
     * XRSTOR, standard form: each requested component is loaded where XSTATE_BV has its bit, else
     * put in its initial state; MXCSR is loaded whenever SSE is requested (the SDM's exception to
     * "initialize"). #GP(0) on a header that sets a bit XCR0 does not or any of bytes 8-23 (the
     * compacted form needs XSAVEC), and on an MXCSR with reserved bits. Everything is read before
     * anything changes.
     */
    static void restore(Interpreter in) {
        long ea = area(in);
        Cpu c = in.c;
        int seg = in.i.memSeg;
        long m = Cpu.mask(in.i.addrSize);
        long rfbm = requested(c);
        long bv = c.read(seg, (ea + HEADER) & m, 8);
        long comp = c.read(seg, (ea + HEADER + 8) & m, 8);
        long reserved = c.read(seg, (ea + HEADER + 16) & m, 8);
        if ((bv & ~c.xcr0) != 0 || comp != 0 || reserved != 0) throw c.gp(0);
        boolean sse = (rfbm & SSE_BIT) != 0;
        int mxcsr = sse ? SimdState.readMxcsr(c, in.i, ea) : c.mxcsr;
        SimdState.X87Region x87 = (rfbm & bv & X87_BIT) != 0 ? SimdState.readX87(c, in.i, ea) : null;
        long[] xmm = (rfbm & bv & SSE_BIT) != 0 ? SimdState.readXmm(c, in.i, ea) : new long[2 * SimdState.xmmCount(c)];
        if ((rfbm & X87_BIT) != 0) {
            if (x87 != null) SimdState.loadX87(c.fpu, x87);
            else initializeX87(c.fpu);
        }
        if (sse) {
            c.mxcsr = mxcsr;
            System.arraycopy(xmm, 0, c.xmm, 0, xmm.length);
        }
    }

    /** The x87 component's initial state (SDM vol. 1 §13.6): FNINIT's, with every register zero. */
    private static void initializeX87(X87 f) {
        f.initialize();
        java.util.Arrays.fill(f.significand, 0);
        java.util.Arrays.fill(f.signExponent, 0);
    }
}
