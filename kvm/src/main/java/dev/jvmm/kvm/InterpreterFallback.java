package dev.jvmm.kvm;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.interp.Interpreter;

/**
 * The instruction KVM's in-kernel emulator gave up on (KVM_EXIT_INTERNAL_ERROR, suberror "emulation
 * failure"), executed by jvmm's interpreter instead: the same guest RAM, the same port and MMIO buses, the
 * vCPU's state read from KVM and written back. Hardware KVM never needs this. PVM, which emulates every
 * guest instruction, gives up on software interrupts and IRET in 32- and 64-bit mode, BOUND, DAA in
 * protected mode, x87 and SSE instructions, and on a fetch from memory it has no slot for (above RAM).
 *
 * <p>The interpreter does all of it as for its own guests: the fault, trap or interrupt an instruction
 * raises is delivered through the guest's IDT (with privilege changes, task gates, #DF); a fault while
 * delivering #DF shuts the CPU down ({@link Outcome#shutdown()}). Interrupts from the interrupt controller
 * are not taken here: KVM injects them at the next entry.
 *
 * <p>What {@link CpuState} does not carry is not seen by the interpreter: pending exceptions. The x87,
 * XMM and MXCSR state does cross ({@link FpuCodec}), except the last x87 instruction's CS and DS
 * selectors, which {@code kvm_fpu} has no room for.
 */
final class InterpreterFallback {
    /** The state after the instruction, or why the CPU shut down (then the state is the one at the shutdown). */
    record Outcome(CpuState state, String shutdown) {}

    private final Cpu cpu;
    private final Interpreter interpreter;

    /** {@code atomics}: other vCPUs share the RAM, so LOCK-ed instructions must be atomic on it. */
    InterpreterFallback(Platform platform, boolean atomics) {
        this.cpu = new Cpu(platform.memory());
        this.interpreter = new Interpreter(cpu, platform.ports());
        if (atomics) interpreter.enableAtomics();
    }

    /**
     * Executes the instruction at CS:RIP of {@code before} (or delivers the exception it raises) and returns
     * the new state; {@code before} is not changed. The interpreter's TLB is flushed by the state load, so
     * page tables changed while KVM ran are walked afresh.
     */
    Outcome execute(CpuState before) {
        cpu.setState(before);
        interpreter.shutdown = null;
        interpreter.step();
        interpreter.ioDone = false;
        return new Outcome(cpu.state(), interpreter.shutdown);
    }
}
