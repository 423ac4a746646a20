package dev.jvmm.cpu.jit;

import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.interp.Interpreter;

/**
 * The services translated code calls back into, one per vCPU: running one instruction in the
 * interpreter (the fallback for everything not compiled inline), re-running a faulting
 * instruction so the interpreter delivers the exception precisely, and the flag the
 * self-modifying-code listener raises when a write hit translated code.
 */
public final class JitRuntime {
    final Interpreter interp;
    /** Set when a guest write invalidated translated code; the running unit leaves at the next instruction boundary. */
    public boolean codeWritten;
    /**
     * Set from any thread when an interrupt or NMI became deliverable to this vCPU (a machine with several:
     * {@link dev.jvmm.core.irq.InterruptController#setKickListener}); units built with TSO fences check it at
     * every back edge and leave there, so a spinning vCPU takes another's IPI within one loop iteration
     * instead of at its instruction budget. The run loop clears it before it looks for interrupts.
     */
    public volatile boolean kicked;
    long fallbacks;
    /** The link slot of the exit the last unit took, or -1 (set by translated code). */
    public int exitLink = -1;
    /** Guest exceptions delivered from inside units (interpreter steps that retired no instruction). */
    long faultsDelivered;

    /**
     * The lazy flag state a unit left at its exit ({@code ccOp} as in {@link Flags}: 0 means
     * {@link Cpu#flags} is exact, else the arithmetic flags are those of the recorded operation):
     * with {@link #flagsAcrossUnits} a unit leaving through a branch, budget or code-write exit
     * does not compute RFLAGS; the next unit takes the state over at its entry (and clears it
     * here), and the run loop calls {@link #settleFlags} before anything else reads RFLAGS.
     * Units exit every few dozen instructions on call-heavy code, and most of those exits
     * computed flags nobody read.
     */
    public int ccOp;
    public long ccA, ccB, ccR;
    /**
     * Units leave lazy flags here (set by the jit run loop); false: every exit computes RFLAGS,
     * as the lockstep oracle and the standalone runners need.
     */
    public boolean flagsAcrossUnits;

    /** PAUSE's host hint in a unit of a machine with several vCPUs ({@link Interpreter#spinWait}). */
    public void spinWait() {
        interp.spinWait();
    }

    /** Computes RFLAGS in {@code c} from the lazy state a unit left here, if any. */
    public void settleFlags(Cpu c) {
        if (ccOp != 0) {
            Flags.materialize(c, ccOp, ccA, ccB, ccR);
            ccOp = 0;
        }
    }

    /** MXCSR's view for the SSE floating-point instructions units compile ({@link SimdEmitter}). */
    public final dev.jvmm.cpu.simd.FpContext fp = new dev.jvmm.cpu.simd.FpContext();

    /** The soft TLB of the inline memory fast path. */
    public final FastMem fastMem;

    JitRuntime(Interpreter interp) {
        this(interp, RawMemory.UNSAFE != null);
    }

    /** {@code rawMemory}: the units access RAM directly ({@link RawMemory}), else through its segment. */
    JitRuntime(Interpreter interp, boolean rawMemory) {
        this.interp = interp;
        this.fastMem = new FastMem(interp.cpu().mem, rawMemory);
    }

    /**
     * Runs the instruction at {@code rip} in the interpreter. Returns true if the unit may go on
     * with the instruction at {@code next}: no fault, no branch, no I/O, no HLT, no write to code,
     * no trap flag or newly enabled interrupts.
     */
    public boolean fallback(Cpu c, long rip, long next) {
        fallbacks++;
        c.rip = rip;
        long before = c.instructions;
        long flagsBefore = c.flags;
        interp.step();
        if (c.instructions == before) faultsDelivered++;
        // POPF/CLI may run here: single-stepping or newly enabled interrupts need the run loop
        boolean stepOrIrq = (c.flags & Cpu.TF) != 0 || (c.flags & ~flagsBefore & Cpu.IF) != 0;
        return c.instructions != before && c.rip == next && !interp.ioDone && interp.shutdown == null && !c.halted
                && !codeWritten && !c.interruptShadow && !stepOrIrq;
    }

    /** {@link #runDecoded}: the unit goes on; it leaves at the next instruction; it runs the instruction through {@link #fallback}. */
    static final int DECODED_GO = 0, DECODED_LEAVE = 1, DECODED_NOT_RUN = 2;
    /** Instructions run by {@link #runDecoded} (also counted in {@link #fallbacks}). */
    long decodedRuns;

    /**
     * Runs an instruction the unit decoded ({@code insn}, ending at {@code next}) in the
     * interpreter without fetching and decoding it again ({@link DecodedCall}). The unit has
     * stored the registers the instruction can read or write, and RFLAGS if it reads or writes
     * them. A guest exception propagates with RFLAGS as before it, for the unit's fault handler
     * (which lets {@link #refault} deliver it). Under breakpoints or single-stepping nothing runs
     * ({@link #DECODED_NOT_RUN}).
     */
    public int runDecoded(Cpu c, Insn insn, long next) {
        if (c.debugArmed || (c.flags & Cpu.TF) != 0) return DECODED_NOT_RUN;
        long flags = c.flags;
        try {
            interp.executeDecoded(insn, next);
        } catch (CpuException e) {
            c.flags = flags;
            throw e;
        }
        fallbacks++;
        decodedRuns++;
        return interp.ioDone || interp.shutdown != null || c.halted || codeWritten || c.interruptShadow ? DECODED_LEAVE : DECODED_GO;
    }

    /**
     * A compiled instruction missed the soft TLB: registers and flags are as before it and
     * {@code c.rip} points at it. The interpreter makes the access (with every check, fault and
     * device it involves); if it was to plain RAM the page then enters the TLB.
     */
    public int tlbMiss(Cpu c, long lin, int write) {
        long before = c.instructions;
        interp.step();
        if (c.instructions == before) {
            faultsDelivered++;
            return CompiledUnit.EXIT_FAULT;
        }
        fastMem.fillAfterMiss(c, lin, write != 0);
        return CompiledUnit.EXIT_TLB_MISS;
    }

    /**
     * A compiled instruction raised a guest exception: registers and flags are back to their
     * values before it and {@code c.rip} points at it. The interpreter runs it again, raising the
     * same exception and delivering it exactly as it always does.
     */
    public int refault(Cpu c) {
        long before = c.instructions;
        interp.step();
        if (c.instructions == before) faultsDelivered++;
        return CompiledUnit.EXIT_FAULT;
    }
}
