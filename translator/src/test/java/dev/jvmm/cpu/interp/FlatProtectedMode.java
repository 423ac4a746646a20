package dev.jvmm.cpu.interp;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import java.io.IOException;
import java.io.InputStream;

/**
 * The sandbox several interpreter tests (and the jit's UndefinedOnJitTest) run their assembled
 * 32-bit programs in: the program at {@link #CODE}, a GDT at 0x1000 with flat code (0x08) and data
 * (0x10) descriptors, an IDT at {@link #IDT} with 32-bit interrupt gates, the stack below 0x9000,
 * interrupts off.
 */
public final class FlatProtectedMode {
    public static final long GDT = 0x1000, IDT = 0x2000, CODE = 0x10000, STACK = 0x9000;
    static final int CODE_SELECTOR = 0x08, DATA_SELECTOR = 0x10;

    private FlatProtectedMode() {}

    /** Copies a test resource (a flat binary built from the .S beside it) to {@link #CODE}; returns its bytes. */
    static byte[] loadProgram(GuestMemory mem, Class<?> test, String resource) throws IOException {
        byte[] code;
        try (InputStream in = test.getResourceAsStream(resource)) {
            code = in.readAllBytes();
        }
        mem.writeBytes(CODE, code, 0, code.length);
        return code;
    }

    /** A present, DPL 0, 32-bit interrupt gate for {@code vector} to {@code handler} in the flat code segment. */
    public static void interruptGate(GuestMemory mem, int vector, long handler) {
        mem.write64(IDT + vector * 8L,
                (handler & 0xFFFF) | ((long) CODE_SELECTOR << 16) | (0x8EL << 40) | ((handler >>> 16 & 0xFFFF) << 48));
    }

    /** Writes the two flat descriptors and returns the entry state (protected mode, paging off). */
    public static CpuState state(GuestMemory mem, int gdtLimit) {
        mem.write64(GDT + CODE_SELECTOR, 0x00cf9a000000ffffL);
        mem.write64(GDT + DATA_SELECTOR, 0x00cf92000000ffffL);
        CpuState s = new CpuState();
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET;
        s.seg[CpuState.CS] = SegmentState.fromDescriptor(CODE_SELECTOR, mem.read64(GDT + CODE_SELECTOR));
        SegmentState data = SegmentState.fromDescriptor(DATA_SELECTOR, mem.read64(GDT + DATA_SELECTOR));
        for (int seg : new int[] {CpuState.ES, CpuState.SS, CpuState.DS, CpuState.FS, CpuState.GS}) s.seg[seg] = data;
        s.gdtBase = GDT;
        s.gdtLimit = gdtLimit;
        s.idtBase = IDT;
        s.idtLimit = 0x7FF;
        s.rip = CODE;
        s.gpr[CpuState.RSP] = STACK;
        return s;
    }

    /** Runs {@code s} on a fresh interpreter until HLT or {@code maxSteps}; returns the CPU. */
    static Cpu run(GuestMemory mem, CpuState s, int maxSteps) {
        Cpu cpu = new Cpu(mem);
        cpu.setState(s);
        Interpreter in = new Interpreter(cpu, new PortBus());
        for (int n = 0; n < maxSteps && !cpu.halted; n++) in.step();
        return cpu;
    }
}
