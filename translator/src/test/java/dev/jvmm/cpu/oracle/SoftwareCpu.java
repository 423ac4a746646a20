package dev.jvmm.cpu.oracle;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.jit.Sandbox;

/**
 * jvmm's side of the oracle: a case on the interpreter, or as a freshly translated unit, in a
 * 64-bit sandbox at CPL 3 (the host runs the case in user mode) with CR0.MP/NE,
 * CR4.OSFXSR/OSXMMEXCPT/OSXSAVE set and XCR0 enabling x87 and SSE, as Linux runs its processes
 * (the host's XCR0 enables more: cases request only those two components).
 */
final class SoftwareCpu implements AutoCloseable {
    private final Sandbox box = new Sandbox(64, true, true, true);

    Outcome interpreter(HostCase c) {
        return outcome(c, box.runInterpreter(c.code(), startState(c.start()), c.start().data, cpu -> FxImage.load(c.start(), cpu)));
    }

    Outcome translator(HostCase c) {
        return outcome(c, box.runTranslated(c.code(), startState(c.start()), c.start().data, cpu -> FxImage.load(c.start(), cpu)));
    }

    /** The unit {@link #translator} made last, its guest code beside its bytecode. */
    String lastUnitTrace() {
        return box.lastUnitTrace();
    }

    String listing(byte[] code) {
        return box.listing(code);
    }

    private CpuState startState(MachineState m) {
        CpuState s = box.baseState();
        System.arraycopy(m.gpr, 0, s.gpr, 0, 16);
        s.rflags = (m.rflags & 0xCD5) | 2;
        s.cr0 |= ControlBits.CR0_MP | ControlBits.CR0_NE;
        s.cr4 |= ControlBits.CR4_OSFXSR | ControlBits.CR4_OSXMMEXCPT | ControlBits.CR4_OSXSAVE;
        s.xcr0 = 3;
        return s;
    }

    private static Outcome outcome(HostCase c, Sandbox.Run run) {
        Cpu cpu = run.cpu();
        MachineState s = new MachineState();
        System.arraycopy(cpu.gpr, 0, s.gpr, 0, 16);
        s.rflags = cpu.flags;
        FxImage.store(cpu, s);
        s.data = new byte[c.start().data.length];
        run.memory().readBytes(MachineState.DATA, s.data, 0, s.data.length);
        if (run.error() != null) return new Outcome(Outcome.TIMED_OUT, -1, cpu.rip, s, run.error());
        long end = MachineState.CODE + c.code().length;
        // The sandbox puts HLT after the code: at CPL 3 it raises #GP(0) there, and that is the end of the run.
        if (run.vector() == 13 && run.errorCode() == 0 && cpu.rip == end) return new Outcome(Outcome.COMPLETED, -1, end, s, null);
        if (run.vector() >= 0) return new Outcome(run.vector(), run.errorCode(), cpu.rip, s, null);
        return new Outcome(Outcome.TIMED_OUT, -1, cpu.rip, s, null);
    }

    @Override
    public void close() {
        box.close();
    }
}
