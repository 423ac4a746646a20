package dev.jvmm.launcher.gdb;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.cpu.X87State;
import java.util.ArrayList;
import java.util.List;

/**
 * The registers gdb sees, in the order of its {@code g} packet, and the target description
 * ({@code target.xml}) that names them — both built from one list, so they cannot disagree.
 *
 * <p>Two layouts: {@link #I386} (architecture {@code i386}, for a guest not in long mode) and
 * {@link #AMD64} ({@code i386:x86-64}). Each has gdb's features {@code org.gnu.gdb.i386.core} (the
 * general registers, then the x87 registers gdb requires in that feature: st0-7 and fctrl..fop, as in
 * gdb's {@code features/i386/32bit-core.xml}/{@code 64bit-core.xml}) and {@code org.gnu.gdb.i386.sse}
 * (xmm, mxcsr); AMD64 adds {@code org.gnu.gdb.i386.segments} (fs_base, gs_base). A feature of jvmm's
 * own, {@code org.jvmm.x86.system}, carries the control registers, EFER and (AMD64) k_gs_base; gdb
 * shows it in {@code info registers all} and as {@code $cr0} etc.
 *
 * <p>Segment registers read as their selectors. Writing a different selector is refused: it would
 * need a descriptor load, which is the guest's business ({@link DebugError}).
 */
final class RegisterLayout {
    /** How one register reads from and writes into a {@link CpuState}, little-endian bytes. */
    interface Access {
        void read(CpuState s, byte[] out, int offset);

        void write(CpuState s, byte[] in, int offset) throws DebugError;
    }

    record Register(String name, int bits, String type, String group, String feature, Access access) {
        int bytes() {
            return bits / 8;
        }
    }

    static final String CORE = "org.gnu.gdb.i386.core", SSE = "org.gnu.gdb.i386.sse",
            SEGMENTS = "org.gnu.gdb.i386.segments", SYSTEM = "org.jvmm.x86.system";

    static final RegisterLayout I386 = new RegisterLayout("i386", false);
    static final RegisterLayout AMD64 = new RegisterLayout("i386:x86-64", true);

    /** The layout for the CPU's current mode: AMD64 once long mode is active. */
    static RegisterLayout forState(CpuState s) {
        return s.longModeActive() ? AMD64 : I386;
    }

    final String architecture;
    final List<Register> registers;
    final int totalBytes;

    private RegisterLayout(String architecture, boolean wide) {
        this.architecture = architecture;
        List<Register> r = new ArrayList<>();
        if (wide) {
            String[] names = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp"};
            int[] index = {CpuState.RAX, CpuState.RBX, CpuState.RCX, CpuState.RDX, CpuState.RSI, CpuState.RDI, CpuState.RBP, CpuState.RSP};
            for (int i = 0; i < 8; i++) r.add(gpr(names[i], index[i], 64, i == 6 || i == 7 ? "data_ptr" : "int64"));
            for (int i = 8; i < 16; i++) r.add(gpr("r" + i, i, 64, "int64"));
            r.add(new Register("rip", 64, "code_ptr", null, CORE, field(s -> s.rip, (s, v) -> s.rip = v, 8)));
        } else {
            String[] names = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
            for (int i = 0; i < 8; i++) r.add(gpr(names[i], i, 32, i == 4 || i == 5 ? "data_ptr" : "int32"));
            r.add(new Register("eip", 32, "code_ptr", null, CORE, field(s -> s.rip, (s, v) -> s.rip = v, 4)));
        }
        r.add(new Register("eflags", 32, "i386_eflags", null, CORE, field(s -> s.rflags,
                (s, v) -> s.rflags = (s.rflags & ~0xFFFF_FFFFL) | v | ControlBits.RFLAGS_FIXED, 4)));
        String[] segs = {"cs", "ss", "ds", "es", "fs", "gs"};
        int[] segIndex = {CpuState.CS, CpuState.SS, CpuState.DS, CpuState.ES, CpuState.FS, CpuState.GS};
        for (int i = 0; i < 6; i++) r.add(new Register(segs[i], 32, "int32", null, CORE, selector(segIndex[i], segs[i])));
        for (int i = 0; i < 8; i++) r.add(new Register("st" + i, 80, "i387_ext", null, CORE, stackRegister(i)));
        r.add(x87("fctrl", X87State::control, (x, v) -> withControl(x, v)));
        r.add(x87("fstat", X87State::status, (x, v) -> withStatus(x, v)));
        r.add(x87("ftag", X87State::tag, (x, v) -> withTag(x, v)));
        r.add(x87("fiseg", X87State::lastCs, (x, v) -> new X87State(x.control(), x.status(), x.tag(), x.significands(), x.signExponents(),
                x.lastOpcode(), v, x.lastIp(), x.lastDs(), x.lastDp())));
        r.add(x87("fioff", x -> (int) x.lastIp(), (x, v) -> new X87State(x.control(), x.status(), x.tag(), x.significands(),
                x.signExponents(), x.lastOpcode(), x.lastCs(), v & 0xFFFF_FFFFL, x.lastDs(), x.lastDp())));
        r.add(x87("foseg", X87State::lastDs, (x, v) -> new X87State(x.control(), x.status(), x.tag(), x.significands(), x.signExponents(),
                x.lastOpcode(), x.lastCs(), x.lastIp(), v, x.lastDp())));
        r.add(x87("fooff", x -> (int) x.lastDp(), (x, v) -> new X87State(x.control(), x.status(), x.tag(), x.significands(),
                x.signExponents(), x.lastOpcode(), x.lastCs(), x.lastIp(), x.lastDs(), v & 0xFFFF_FFFFL)));
        r.add(x87("fop", X87State::lastOpcode, (x, v) -> new X87State(x.control(), x.status(), x.tag(), x.significands(),
                x.signExponents(), v & 0x7FF, x.lastCs(), x.lastIp(), x.lastDs(), x.lastDp())));
        for (int i = 0; i < (wide ? 16 : 8); i++) r.add(new Register("xmm" + i, 128, "vec128", null, SSE, xmm(i)));
        r.add(new Register("mxcsr", 32, "i386_mxcsr", "vector", SSE, field(s -> s.sse.mxcsr, (s, v) -> s.sse.mxcsr = (int) v, 4)));
        if (wide) {
            r.add(new Register("fs_base", 64, "int", null, SEGMENTS, segmentBase(CpuState.FS)));
            r.add(new Register("gs_base", 64, "int", null, SEGMENTS, segmentBase(CpuState.GS)));
            r.add(new Register("k_gs_base", 64, "int", "system", SYSTEM, field(s -> s.msrs.getOrDefault(Msr.KERNEL_GS_BASE, 0L),
                    (s, v) -> s.msrs.put(Msr.KERNEL_GS_BASE, v), 8)));
        }
        r.add(system("cr0", s -> s.cr0, (s, v) -> s.cr0 = v));
        r.add(system("cr2", s -> s.cr2, (s, v) -> s.cr2 = v));
        r.add(system("cr3", s -> s.cr3, (s, v) -> s.cr3 = v));
        r.add(system("cr4", s -> s.cr4, (s, v) -> s.cr4 = v));
        r.add(system("cr8", s -> s.cr8, (s, v) -> s.cr8 = v));
        r.add(system("efer", s -> s.efer, (s, v) -> s.efer = v));
        this.registers = List.copyOf(r);
        this.totalBytes = registers.stream().mapToInt(Register::bytes).sum();
    }

    /** The {@code g} packet's payload: every register in order, little-endian. */
    byte[] readAll(CpuState s) {
        byte[] out = new byte[totalBytes];
        int off = 0;
        for (Register reg : registers) {
            reg.access().read(s, out, off);
            off += reg.bytes();
        }
        return out;
    }

    /** Applies a {@code G} packet; fewer bytes than {@link #totalBytes} leave the remaining registers alone. */
    void writeAll(CpuState s, byte[] in) throws DebugError {
        if (in.length > totalBytes) throw new DebugError("G packet of " + in.length + " bytes; the registers hold " + totalBytes);
        int off = 0;
        for (Register reg : registers) {
            if (off + reg.bytes() > in.length) break;
            reg.access().write(s, in, off);
            off += reg.bytes();
        }
    }

    Register register(int number) throws DebugError {
        if (number < 0 || number >= registers.size()) throw new DebugError("no register " + number);
        return registers.get(number);
    }

    /** The target description gdb reads through {@code qXfer:features:read:target.xml}. */
    String targetXml() {
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n");
        x.append("<architecture>").append(architecture).append("</architecture>\n");
        String open = null;
        int regnum = 0;
        for (Register reg : registers) {
            if (!reg.feature().equals(open)) {
                if (open != null) x.append("</feature>\n");
                open = reg.feature();
                x.append("<feature name=\"").append(open).append("\">\n");
                if (open.equals(CORE)) x.append(CORE_TYPES);
                if (open.equals(SSE)) x.append(SSE_TYPES);
            }
            x.append("<reg name=\"").append(reg.name()).append("\" bitsize=\"").append(reg.bits()).append("\" type=\"").append(reg.type())
                    .append("\" regnum=\"").append(regnum++).append('"');
            if (reg.group() != null) x.append(" group=\"").append(reg.group()).append('"');
            x.append("/>\n");
        }
        x.append("</feature>\n</target>\n");
        return x.toString();
    }

    /** From gdb's features/i386/32bit-core.xml: the EFLAGS bit names. */
    private static final String CORE_TYPES = """
            <flags id="i386_eflags" size="4">
            <field name="CF" start="0" end="0"/><field name="" start="1" end="1"/><field name="PF" start="2" end="2"/>
            <field name="AF" start="4" end="4"/><field name="ZF" start="6" end="6"/><field name="SF" start="7" end="7"/>
            <field name="TF" start="8" end="8"/><field name="IF" start="9" end="9"/><field name="DF" start="10" end="10"/>
            <field name="OF" start="11" end="11"/><field name="NT" start="14" end="14"/><field name="RF" start="16" end="16"/>
            <field name="VM" start="17" end="17"/><field name="AC" start="18" end="18"/><field name="VIF" start="19" end="19"/>
            <field name="VIP" start="20" end="20"/><field name="ID" start="21" end="21"/>
            </flags>
            """;

    /** From gdb's features/i386/32bit-sse.xml: the vector union and the MXCSR bit names. */
    private static final String SSE_TYPES = """
            <vector id="v8bf16" type="bfloat16" count="8"/><vector id="v8h" type="ieee_half" count="8"/>
            <vector id="v4f" type="ieee_single" count="4"/><vector id="v2d" type="ieee_double" count="2"/>
            <vector id="v16i8" type="int8" count="16"/><vector id="v8i16" type="int16" count="8"/>
            <vector id="v4i32" type="int32" count="4"/><vector id="v2i64" type="int64" count="2"/>
            <union id="vec128"><field name="v8_bfloat16" type="v8bf16"/><field name="v8_half" type="v8h"/>
            <field name="v4_float" type="v4f"/><field name="v2_double" type="v2d"/><field name="v16_int8" type="v16i8"/>
            <field name="v8_int16" type="v8i16"/><field name="v4_int32" type="v4i32"/><field name="v2_int64" type="v2i64"/>
            <field name="uint128" type="uint128"/></union>
            <flags id="i386_mxcsr" size="4">
            <field name="IE" start="0" end="0"/><field name="DE" start="1" end="1"/><field name="ZE" start="2" end="2"/>
            <field name="OE" start="3" end="3"/><field name="UE" start="4" end="4"/><field name="PE" start="5" end="5"/>
            <field name="DAZ" start="6" end="6"/><field name="IM" start="7" end="7"/><field name="DM" start="8" end="8"/>
            <field name="ZM" start="9" end="9"/><field name="OM" start="10" end="10"/><field name="UM" start="11" end="11"/>
            <field name="PM" start="12" end="12"/><field name="FZ" start="15" end="15"/>
            </flags>
            """;

    // ---- accessors ------------------------------------------------------------------------------

    private interface Getter {
        long get(CpuState s);
    }

    private interface Setter {
        void set(CpuState s, long value);
    }

    private static Register gpr(String name, int index, int bits, String type) {
        return new Register(name, bits, type, null, CORE, field(s -> s.gpr[index], (s, v) -> s.gpr[index] = v, bits / 8));
    }

    private static Register system(String name, Getter get, Setter set) {
        return new Register(name, 64, "int", "system", SYSTEM, field(get, set, 8));
    }

    /** A register of {@code bytes} bytes; a write zero-extends (a 32-bit guest has no upper halves). */
    private static Access field(Getter get, Setter set, int bytes) {
        return new Access() {
            @Override public void read(CpuState s, byte[] out, int offset) {
                putLittleEndian(out, offset, bytes, get.get(s));
            }

            @Override public void write(CpuState s, byte[] in, int offset) {
                set.set(s, getLittleEndian(in, offset, bytes));
            }
        };
    }

    private static Access selector(int index, String name) {
        return new Access() {
            @Override public void read(CpuState s, byte[] out, int offset) {
                putLittleEndian(out, offset, 4, s.seg[index].selector());
            }

            @Override public void write(CpuState s, byte[] in, int offset) throws DebugError {
                long v = getLittleEndian(in, offset, 4);
                if (v != s.seg[index].selector()) {
                    throw new DebugError(String.format("writing %s = 0x%x needs a descriptor load; jvmm lets only the guest load segments", name, v));
                }
            }
        };
    }

    private static Access segmentBase(int index) {
        return field(s -> s.seg[index].base(), (s, v) -> {
            SegmentState old = s.seg[index];
            s.seg[index] = new SegmentState(old.selector(), v, old.limit(), old.attributes());
        }, 8);
    }

    /** gdb's st(i) is the x87 stack's register i: physical register (TOP + i) mod 8; 8 bytes significand, 2 sign/exponent. */
    private static Access stackRegister(int i) {
        return new Access() {
            @Override public void read(CpuState s, byte[] out, int offset) {
                int r = (s.x87.top() + i) & 7;
                putLittleEndian(out, offset, 8, s.x87.significands().get(r));
                putLittleEndian(out, offset + 8, 2, s.x87.signExponents().get(r));
            }

            @Override public void write(CpuState s, byte[] in, int offset) {
                X87State x = s.x87;
                int r = (x.top() + i) & 7;
                List<Long> sig = new ArrayList<>(x.significands());
                List<Integer> se = new ArrayList<>(x.signExponents());
                sig.set(r, getLittleEndian(in, offset, 8));
                se.set(r, (int) getLittleEndian(in, offset + 8, 2));
                s.x87 = new X87State(x.control(), x.status(), x.tag(), sig, se, x.lastOpcode(), x.lastCs(), x.lastIp(), x.lastDs(), x.lastDp());
            }
        };
    }

    private interface X87Get {
        int get(X87State x);
    }

    private interface X87With {
        X87State with(X87State x, int value);
    }

    private static Register x87(String name, X87Get get, X87With with) {
        return new Register(name, 32, "int", "float", CORE, field(s -> get.get(s.x87) & 0xFFFF_FFFFL, (s, v) -> s.x87 = with.with(s.x87, (int) v), 4));
    }

    private static X87State withControl(X87State x, int v) {
        return new X87State(v & 0xFFFF, x.status(), x.tag(), x.significands(), x.signExponents(), x.lastOpcode(), x.lastCs(), x.lastIp(), x.lastDs(), x.lastDp());
    }

    private static X87State withStatus(X87State x, int v) {
        return new X87State(x.control(), v & 0xFFFF, x.tag(), x.significands(), x.signExponents(), x.lastOpcode(), x.lastCs(), x.lastIp(), x.lastDs(), x.lastDp());
    }

    private static X87State withTag(X87State x, int v) {
        return new X87State(x.control(), x.status(), v & 0xFFFF, x.significands(), x.signExponents(), x.lastOpcode(), x.lastCs(), x.lastIp(), x.lastDs(), x.lastDp());
    }

    private static Access xmm(int i) {
        return new Access() {
            @Override public void read(CpuState s, byte[] out, int offset) {
                putLittleEndian(out, offset, 8, s.sse.xmm[2 * i]);
                putLittleEndian(out, offset + 8, 8, s.sse.xmm[2 * i + 1]);
            }

            @Override public void write(CpuState s, byte[] in, int offset) {
                s.sse.xmm[2 * i] = getLittleEndian(in, offset, 8);
                s.sse.xmm[2 * i + 1] = getLittleEndian(in, offset + 8, 8);
            }
        };
    }

    static void putLittleEndian(byte[] out, int offset, int bytes, long value) {
        for (int k = 0; k < bytes; k++) out[offset + k] = (byte) (value >>> (8 * k));
    }

    static long getLittleEndian(byte[] in, int offset, int bytes) {
        long v = 0;
        for (int k = 0; k < bytes; k++) v |= (in[offset + k] & 0xFFL) << (8 * k);
        return v;
    }
}
