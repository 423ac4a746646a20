package dev.jvmm.cpu.interp;

import static dev.jvmm.cpu.interp.Cpu.*;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.decode.CodeFetcher;
import dev.jvmm.cpu.decode.Decoder;
import dev.jvmm.cpu.decode.Form;
import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.decode.OpcodeTable;

/**
 * Executes x86 instructions one at a time: decode into a reused {@link Insn}, then the {@link Exec}
 * its opcode-table row names, or (for the rows that name none yet) one switch on the opcode. A guest fault is a {@link CpuException} thrown from anywhere below; {@link #step()}
 * catches it, rewinds RIP to the faulting instruction and delivers it through {@link Interrupts}.
 *
 * <p>RIP is advanced to the next instruction before the instruction body runs, so branches simply
 * overwrite it and software interrupts push it; a fault puts it back.
 */
public final class Interpreter {
    final Cpu c;
    final PortBus ports;
    final Interrupts interrupts;
    final SystemOps sys;
    final TaskSwitch tasks;
    final X87Instructions x87;
    final Simd simd;
    private final Decoder decoder = new Decoder();
    /** The instruction being executed: a decode-cache entry or {@link #scratch}. */
    Insn i = new Insn();
    private final Insn scratch = i;
    private final DecodeCache cache = new DecodeCache();
    private final UndefinedOpcodes undefined = new UndefinedOpcodes();
    /**
     * The code page the last fetch came from: its linear page number and its physical page (A20 applied,
     * ordinary RAM, so the decode cache may read ahead there), valid while the MMU's epoch, the A20 gate
     * and the privilege level it was translated under last. Like a TLB entry, a translation stays usable
     * until a flush or INVLPG bumps the epoch; straight-line code then skips the page walk's TLB probe.
     */
    private long fetchLinPage = -1, fetchPhysPage, fetchEpoch, fetchA20;
    private boolean fetchUser;
    /** Guest RAM, where the decode cache compares instruction bytes. */
    private final java.lang.foreign.MemorySegment ram;
    private final CodeFetcher fetcher;
    private final long[] popaValues = new long[8];
    /** Offset of the current memory operand. */
    long ea;
    long nextIp;
    /**
     * Set by SYSCALL and SYSRET: their single-step trap follows TF as the instruction leaves it, not
     * as it found it — SYSCALL that masks TF through SFMASK does not trap into the kernel's first
     * instruction, SYSRET that loads TF from R11 traps at once (AMD APM vol. 3 SYSCALL/SYSRET; the
     * behaviour kvm-unit-tests' syscall test checks and Linux's entry code relies on).
     */
    boolean trapOnResultingTf;
    /** One REP iteration per step, as under single-stepping (set by a single-stepping run loop). */
    public boolean iterationPerStep;
    /**
     * Set by IN/OUT and by reads of the time-stamp counter: the instruction took an input from outside
     * the CPU. The run loop then services devices promptly, a translated unit leaves after it, and
     * lockstep does not replay it (the replay would read another time).
     */
    public boolean ioDone;
    /** Non-null once the CPU shut down (triple fault). */
    public String shutdown;

    public Interpreter(Cpu cpu, PortBus ports) {
        this.c = cpu;
        this.ports = ports;
        this.fetcher = cpu::fetch;
        this.ram = cpu.mem.ram();
        this.interrupts = new Interrupts(this);
        this.sys = new SystemOps(this);
        this.tasks = new TaskSwitch(this);
        this.x87 = new X87Instructions(this);
        this.simd = new Simd(this);
    }

    public Cpu cpu() {
        return c;
    }

    /** Executes one instruction, or delivers the exception it raised. */
    private AtomicOperand atomics;
    private final long[] atomicSaved = new long[16];

    public void step() {
        long start = c.rip;
        long flags0 = c.flags, rsp0 = c.gpr[4];
        c.interruptShadow = false;
        boolean trap = (flags0 & TF) != 0;
        trapOnResultingTf = false;
        try {
            // instruction breakpoints: a fault before the instruction
            if (c.debugArmed && (flags0 & RF) == 0 && instructionBreakpoint(start)) return;
            c.dataBreakpointHits = 0;
            Insn insn = fetchAndDecode(start);
            i = insn;
            nextIp = ipAfter(start, insn.length);
            c.rip = nextIp;
            if (atomics != null && lockedAccess(insn)) executeAtomically();
            else execute();
            c.instructions++;
            if ((c.flags & RF) != 0 && insn.opcode != 0xCF) c.flags &= ~RF; // RF lasts one instruction (IRET may have just set it)
            if ((trap || trapOnResultingTf || c.dataBreakpointHits != 0) && shutdown == null) debugTrap(trap);
        } catch (CpuException e) {
            restart(e, start, flags0, rsp0);
        } catch (RuntimeException e) {
            c.rip = start; // so an error report names the instruction that failed
            throw e;
        }
    }

    // step()'s rare paths live in methods of their own, so that step() stays small enough for HotSpot to
    // inline it into the run loop, and fetchAndDecode()'s common case into step().

    /** True (and #DB delivered) if a DR0-DR3 instruction breakpoint matches the instruction at {@code start}. */
    private boolean instructionBreakpoint(long start) {
        int hits = DebugRegisters.instructionHits(c, c.mode == 64 ? start : (c.segBase[CS] + start) & 0xFFFF_FFFFL);
        if (hits == 0) return false;
        c.dr[6] |= hits;
        interrupts.deliver(CpuException.DB, -1, Interrupts.FAULT);
        return true;
    }

    /** The address after an instruction of {@code length} bytes at {@code start}, wrapped to the code size. */
    private long ipAfter(long start, int length) {
        return c.mode == 64 ? start + length : (start + length) & (c.mode == 32 ? 0xFFFF_FFFFL : 0xFFFF);
    }

    /** A LOCK-ed instruction or XCHG with memory: atomic against other vCPUs. */
    private static boolean lockedAccess(Insn insn) {
        return insn.lock || (insn.opcode == 0x86 || insn.opcode == 0x87) && insn.isMemory();
    }

    /**
     * The #DB trap after an instruction: single-step (TF as the instruction found it, {@code trapBefore},
     * or as it left it after SYSCALL/SYSRET) and/or data breakpoints hit; nothing if neither.
     */
    private void debugTrap(boolean trapBefore) {
        boolean trap = trapOnResultingTf ? (c.flags & TF) != 0 : trapBefore;
        if (!trap && c.dataBreakpointHits == 0) return;
        c.dr[6] |= c.dataBreakpointHits | (trap ? 0x4000 : 0); // B0-B3, BS
        c.dataBreakpointHits = 0;
        interrupts.deliver(CpuException.DB, -1, Interrupts.TRAP);
    }

    /**
     * Faults restart the instruction: put back what it may have changed before faulting (flags computed
     * before a read-modify-write's store hit a read-only page, a partial push), then deliver the fault.
     */
    private void restart(CpuException e, long start, long flags0, long rsp0) {
        c.rip = start;
        c.flags = flags0;
        c.gpr[4] = rsp0;
        if (e.vector == CpuException.UD) undefined.count(i, start);
        interrupts.deliver(e.vector, e.errorCode, Interrupts.FAULT);
    }

    /**
     * Runs an instruction a translated unit decoded itself ({@code insn}, ending at {@code next}),
     * without fetching or decoding it again. The caller makes sure no breakpoint or single-step
     * trap applies (else it calls {@link #step}). A guest exception propagates undelivered, with
     * the instruction's memory and registers untouched: the caller puts RIP and RFLAGS back and lets
     * {@link #step} raise and deliver it again.
     */
    public void executeDecoded(Insn insn, long next) {
        i = insn;
        nextIp = next;
        c.rip = next;
        execute();
        c.instructions++;
        c.flags &= ~RF;
    }

    /**
     * Decodes the instruction at CS:start, from the decode cache when its bytes are unchanged. The
     * cache is keyed by physical address and code size and checked against the current bytes, so
     * self-modifying code and remapped pages need no invalidation; instructions near a page end
     * and any fetch that would fault go through the decoder, which raises the fault exactly. The
     * common case, another instruction on the code page of the last fetch, takes no translation.
     */
    private Insn fetchAndDecode(long start) {
        int mode = c.mode;
        long lin = mode == 64 ? start : (c.segBase[CS] + start) & 0xFFFF_FFFFL;
        if ((lin >>> 12) == fetchLinPage && (lin & 0xFFF) <= 0xFF0 && (mode == 64 || start <= c.segLimit[CS])
                && c.mmu.epoch() == fetchEpoch && c.mem.a20Mask() == fetchA20 && (c.cpl == 3) == fetchUser) {
            Insn hit = cache.lookup(ram, fetchPhysPage | (lin & 0xFFF), mode);
            if (hit != null && (mode == 64 || start + hit.length - 1 <= c.segLimit[CS])) return hit;
        }
        return fetchNewPage(start);
    }

    /** {@link #fetchAndDecode}'s general case: translate CS:start, remember its code page, decode or look up. */
    private Insn fetchNewPage(long start) {
        int mode = c.mode;
        long lin;
        if (mode == 64) {
            lin = start;
            if (((lin << 16) >> 16) != lin) return decoder.decode(fetcher, start, mode, scratch);
        } else {
            if (start > c.segLimit[CS]) return decoder.decode(fetcher, start, mode, scratch);
            lin = (c.segBase[CS] + start) & 0xFFFF_FFFFL;
        }
        if ((lin & 0xFFF) > 0xFF0) return decoder.decode(fetcher, start, mode, scratch);
        boolean user = c.cpl == 3;
        fetchLinPage = -1;
        long a20 = c.mem.a20Mask();
        long phys = c.mmu.translate(lin, dev.jvmm.cpu.mmu.Mmu.FETCH, user) & a20;
        // the cache reads 16 bytes: only where reads have no side effects
        if (!c.mem.isRam(phys & ~0xFFFL, 0x1000)) return decoder.decode(fetcher, start, mode, scratch);
        fetchLinPage = lin >>> 12;
        fetchPhysPage = phys & ~0xFFFL;
        fetchEpoch = c.mmu.epoch();
        fetchA20 = a20;
        fetchUser = user;
        Insn hit = cache.lookup(ram, phys, mode);
        if (hit != null && (mode == 64 || start + hit.length - 1 <= c.segLimit[CS])) return hit;
        Insn entry = cache.claim(phys);
        decoder.decode(fetcher, start, mode, entry);
        cache.fill(ram, phys, mode, entry);
        return entry;
    }

    /**
     * Delivers a maskable interrupt acknowledged from the interrupt controller (the caller checked
     * IF and the interrupt shadow); wakes the CPU from HLT.
     */
    public void externalInterrupt(int vector) {
        interrupts.external(vector);
    }

    /**
     * Delivers a non-maskable interrupt (vector 2, as an external event) and blocks further NMIs
     * until the next IRET. The caller checked {@link Cpu#nmiBlocked} and the MOV SS shadow.
     */
    public void nmi() {
        c.nmiBlocked = true;
        interrupts.external(CpuException.NMI);
    }

    /**
     * Delivers an exception raised outside {@link #step()} (by translated code), as a fault at the
     * current RIP, which must point at the faulting instruction. {@code errorCode} -1: none.
     */
    public void raise(int vector, int errorCode) {
        interrupts.deliver(vector, errorCode, Interrupts.FAULT);
    }

    /** Counters for {@code --stats}, one per line. */
    public String stats() {
        Interrupts n = interrupts;
        long lookups = cache.hits + cache.fills;
        return String.format("interp: %d instructions retired%n"
                + "interp: decode cache %d hits, %d decodes (%.1f%% hits)%n"
                + "interp: %d exceptions, %d software interrupts, %d external interrupts delivered",
                c.instructions, cache.hits, cache.fills, lookups == 0 ? 0.0 : 100.0 * cache.hits / lookups,
                n.exceptions, n.softwareInterrupts, n.externalInterrupts) + undefinedStats();
    }

    /** "{@code %n}interp: #UD by opcode: ..." if any instruction raised #UD, else empty. */
    public String undefinedStats() {
        String u = undefined.format();
        return u.isEmpty() ? "" : String.format("%n%s", u);
    }

    /** How many #UD the instruction {@code opcode} raised under mandatory-prefix {@code column} ({@link Form#NP} ...). */
    public long undefinedCount(int column, int opcode) {
        return undefined.count(column, opcode);
    }

    /** The last decoded instruction (for error reports). */
    public Insn lastInsn() {
        return i;
    }

    // ---- operands ----

    private long addrMask() {
        return i.addrSize == 2 ? 0xFFFF : i.addrSize == 4 ? 0xFFFF_FFFFL : -1L;
    }

    long computeEa() {
        long a = i.disp;
        if (i.base >= 0) a += c.gpr[i.base];
        if (i.index >= 0) a += c.gpr[i.index] << i.scale;
        if (i.ripRelative) a += nextIp;
        return a & addrMask();
    }

    private boolean rex() {
        return i.rex != 0;
    }

    long readRm(int size) {
        if (i.mod == 3) return c.reg(size, i.rm, rex());
        ea = computeEa();
        return c.read(i.memSeg, ea, size);
    }

    /** Reads the r/m operand of a read-modify-write instruction, checking writability first. */
    long readRmForWrite(int size) {
        if (i.mod == 3) return c.reg(size, i.rm, rex());
        ea = computeEa();
        c.linearWritable(i.memSeg, ea, size);
        return c.read(i.memSeg, ea, size);
    }

    /** Writes the r/m operand; for memory, {@link #ea} must have been computed by a read, or is computed now. */
    void writeRm(int size, long v, boolean eaKnown) {
        if (i.mod == 3) c.setReg(size, i.rm, v, rex());
        else c.write(i.memSeg, eaKnown ? ea : (ea = computeEa()), size, v);
    }

    long getReg(int size) {
        return c.reg(size, i.reg, rex());
    }

    void setReg(int size, long v) {
        c.setReg(size, i.reg, v, rex());
    }

    CpuException ud() {
        return c.fault.raise(CpuException.UD, -1);
    }

    boolean cond(int cc) {
        return ArithmeticFlags.condition(c.flags, cc);
    }

    /** A near jump: the target is truncated to the operand size (and must be canonical in 64-bit mode). */
    void jumpNear(long target) {
        int os = i.opSize;
        if (os == 2) target &= 0xFFFF;
        else if (os == 4) target &= 0xFFFF_FFFFL;
        if (c.mode == 64) {
            if (((target << 16) >> 16) != target) throw c.gp(0);
        } else if (target > c.segLimit[CS]) {
            throw c.gp(0);
        }
        c.rip = target;
    }

    /**
     * True if LOCK may prefix {@code insn}: its opcode-table row is lockable (SDM vol. 2 "LOCK":
     * the listed read-modify-write instructions) and the destination is memory.
     */
    static boolean lockAllowed(Insn insn) {
        return insn.form != null && insn.form.lockable && insn.isMemory();
    }

    /** LOCK is only valid on a read-modify-write memory instruction (SDM vol. 2 "LOCK"). */
    private void checkLock() {
        if (!lockAllowed(i)) throw ud();
    }

    /** The vector of the last exception or interrupt delivered, or -1. */
    public int lastVector() {
        return interrupts.lastVector;
    }

    /**
     * The vector of the last exception an instruction raised (or interrupt delivered), before any
     * #DF or triple fault its delivery led to; -1 before the first. Oracle tests read it after a
     * shutdown to learn which exception a sequence raised.
     */
    public int lastRaisedVector() {
        return interrupts.raisedVector;
    }

    /** The error code that came with {@link #lastRaisedVector()}, or -1 if it has none. */
    public int lastRaisedErrorCode() {
        return interrupts.raisedErrorCode;
    }

    // ---- the instruction switch ----

    /**
     * A LOCK-ed instruction or XCHG with memory with other vCPUs about: its memory operand is read once
     * and written by a compare-and-exchange; if another vCPU changed it in between, the instruction runs
     * again from the registers and flags it started with (the only other state these instructions change).
     */
    private void executeAtomically() {
        long[] saved = atomicSaved;
        System.arraycopy(c.gpr, 0, saved, 0, 16);
        long flags = c.flags;
        try {
            while (true) {
                atomics.reset();
                c.atomic = atomics;
                try {
                    execute();
                    return;
                } catch (RuntimeException e) {
                    if (e != AtomicOperand.RETRY && e != AtomicOperand.SERIALIZE) throw e;
                    System.arraycopy(saved, 0, c.gpr, 0, 16);
                    c.flags = flags;
                    if (e == AtomicOperand.SERIALIZE) {
                        c.atomic = null;
                        synchronized (AtomicOperand.SPLIT_LOCK) {
                            execute();
                        }
                        return;
                    }
                }
            }
        } finally {
            c.atomic = null;
        }
    }

    /**
     * From now on LOCK-ed instructions and XCHG with memory are atomic against other vCPUs on the same
     * RAM (a machine with several vCPUs turns this on; alone, a vCPU needs no atomics).
     */
    public void enableAtomics() {
        atomics = new AtomicOperand();
    }

    /** PAUSE: time for the virtual clock ({@link Cpu#stallCycles}) and a spin-wait hint to the host. */
    void pause() {
        c.stallCycles += Cpu.PAUSE_STALL_CYCLES;
        spinWait();
    }

    /**
     * True while another vCPU of the machine runs (set by an SMP machine's vCPU; null: this is the only one).
     * A guest spinning with PAUSE then likely waits for that vCPU, whose thread may be waiting for this host
     * core, so {@link #spinWait} yields it (KVM's pause-loop exiting does the same for the same reason);
     * while the others are halted, waiting for them takes no host CPU and a yield would only cost a system call.
     */
    public java.util.function.BooleanSupplier othersRunning;

    /** PAUSE's hint to the host: {@link Thread#yield} while another vCPU runs, else {@link Thread#onSpinWait}. */
    public void spinWait() {
        if (othersRunning != null && othersRunning.getAsBoolean()) Thread.yield();
        else Thread.onSpinWait();
    }

    private void execute() {
        if ((i.attrs & OpcodeTable.INVALID) != 0) throw ud();
        if (i.lock) checkLock();
        Form form = i.form;
        if (form != null && form.exec != null) {
            form.exec.execute(this);
            return;
        }
        int op = i.opcode;
        int os = i.opSize;
        if (op < 0x40 && (op & 7) < 6) {
            aluForm(op >> 3, op & 7, os);
            return;
        }
        switch (op) {
            case 0x06, 0x0E, 0x16, 0x1E -> c.push(os, c.segSel[op >> 3]);
            case 0x07, 0x17, 0x1F -> {
                int seg = op >> 3;
                int sel = (int) c.peek(os, 0) & 0xFFFF;
                int stack = c.stackSize(); // POP SS moves SP by the stack-address size before the load
                sys.loadSeg(seg, sel);
                c.setReg(stack, 4, (c.gpr[4] & Cpu.mask(stack)) + os, false);
                if (seg == SS) c.interruptShadow = true;
            }
            case 0x27 -> Bcd.daa(c);
            case 0x2F -> Bcd.das(c);
            case 0x37 -> Bcd.aaa(c);
            case 0x3F -> Bcd.aas(c);
            case 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47 -> incReg(op & 7, os);
            case 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F -> decReg(op & 7, os);
            case 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57 -> pushReg(os);
            case 0x58, 0x59, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F -> popReg(os);
            case 0x60 -> {
                long sp = c.reg(os, 4, false);
                for (int r = 0; r < 8; r++) c.push(os, r == 4 ? sp : c.reg(os, r, false));
            }
            case 0x61 -> { // POPA: read all eight slots before changing any register
                long[] v = popaValues;
                for (int k = 0; k < 8; k++) v[k] = c.peek(os, (long) k * os);
                for (int r = 7, k = 0; r >= 0; r--, k++) {
                    if (r != 4) c.setReg(os, r, v[k], false);
                }
                c.setSp(c.sp() + 8L * os);
            }
            case 0x62 -> { // BOUND: #BR if the index is outside [lower, upper] (signed)
                if (!i.isMemory()) throw ud();
                ea = computeEa();
                long lo = Alu.signExtend(os, c.read(i.memSeg, ea, os));
                long hi = Alu.signExtend(os, c.read(i.memSeg, (ea + os) & addrMask(), os));
                long idx = Alu.signExtend(os, getReg(os));
                if (idx < lo || idx > hi) throw c.fault.raise(CpuException.BR, -1);
            }
            case 0x63 -> {
                if (c.mode == 64) setReg(os, os == 8 ? readRm(4) << 32 >> 32 : readRm(os)); // MOVSXD
                else sys.arpl();
            }
            case 0x68, 0x6A -> c.push(os, i.imm & Cpu.mask(os));
            case 0x69, 0x6B -> setReg(os, Muldiv.imul2(c, os, readRm(os), i.imm & Cpu.mask(os)));
            case 0x6C, 0x6D, 0x6E, 0x6F, 0xA4, 0xA5, 0xA6, 0xA7, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF ->
                    Strings.execute(this);
            case 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F -> jcc(op & 15);
            case 0x80, 0x81, 0x82, 0x83 -> group1(os);
            case 0x84, 0x85 -> test(os);
            case 0x86, 0x87 -> {
                long a = readRmForWrite(os);
                long b = getReg(os);
                writeRm(os, b, true);
                setReg(os, a);
            }
            case 0x88, 0x89 -> movToRm(os);
            case 0x8A, 0x8B -> movFromRm(os);
            case 0x8C -> {
                int s = i.reg & 7;
                if (s > 5) throw ud();
                if (i.mod == 3) c.setReg(os == 2 ? 2 : os, i.rm, c.segSel[s], rex());
                else writeRm(2, c.segSel[s], false);
            }
            case 0x8D -> lea(os);
            case 0x8E -> {
                int s = i.reg & 7;
                if (s > 5 || s == CS) throw ud();
                sys.loadSeg(s, (int) readRm(2));
                if (s == SS) c.interruptShadow = true;
            }
            case 0x8F -> {
                long v = c.peek(os, 0);
                // POP r/m: an SP-based address uses SP after the pop (SDM vol. 2 "POP")
                long oldSp = c.gpr[4];
                c.setSp(c.sp() + os);
                try {
                    writeRm(os, v, false);
                } catch (CpuException e) {
                    c.gpr[4] = oldSp;
                    throw e;
                }
            }
            case 0x90 -> {
                if (i.rm != 0) xchgAx();
                else if (i.rep == 0xF3) pause();
            }
            case 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97 -> xchgAx();
            case 0x98 -> c.setReg(os, 0, Alu.signExtend(os / 2, c.reg(os / 2, 0, false)), false);
            case 0x99 -> c.setReg(os, 2, (c.reg(os, 0, false) & Alu.sign(os)) != 0 ? -1L : 0, false);
            case 0x9A -> sys.farCall(i.imm2, i.imm);
            case 0x9B -> x87.fwait();
            case 0x9C -> sys.pushf();
            case 0x9D -> sys.popf();
            case 0x9E -> c.flags = (c.flags & ~(SF | ZF | AF | PF | CF)) | ((c.gpr[0] >>> 8) & (SF | ZF | AF | PF | CF));
            case 0x9F -> c.setReg(1, 4, (c.flags & 0xD7) | 2, false);
            case 0xA0, 0xA1 -> c.setReg(os, 0, c.read(i.memSeg, i.disp & addrMask(), os), false);
            case 0xA2, 0xA3 -> c.write(i.memSeg, i.disp & addrMask(), os, c.reg(os, 0, false));
            case 0xA8, 0xA9 -> Alu.logic(c, os, c.reg(os, 0, false) & i.imm & Cpu.mask(os));
            case 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7 -> c.setReg(1, i.rm, i.imm, rex());
            case 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF -> c.setReg(os, i.rm, i.imm, false);
            case 0xC0, 0xC1 -> shiftForm(os, (int) i.imm);
            case 0xD0, 0xD1 -> shiftForm(os, 1);
            case 0xD2, 0xD3 -> shiftForm(os, (int) c.gpr[1] & 0xFF);
            case 0xC2, 0xC3 -> ret(os, op == 0xC2 ? i.imm : 0);
            case 0xC4, 0xC5 -> loadFarPointer(op == 0xC4 ? ES : DS);
            case 0xC6, 0xC7 -> movImmToRm(os);
            case 0xC8 -> enter();
            case 0xC9 -> {
                int ss = c.stackSize();
                long bp = c.reg(ss, 5, false);
                long v = c.read(SS, bp, os);
                c.setReg(ss, 4, bp + os, false);
                c.setReg(os, 5, v, false);
            }
            case 0xCA, 0xCB -> sys.farReturn(op == 0xCA ? (int) i.imm : 0);
            case 0xCC -> interrupts.software(3, Interrupts.INT3);
            case 0xCD -> interrupts.software((int) i.imm & 0xFF, Interrupts.SOFTWARE);
            case 0xCE -> {
                if ((c.flags & OF) != 0) interrupts.software(4, Interrupts.INT3);
            }
            case 0xCF -> sys.iret();
            case 0xD4 -> Bcd.aam(c, (int) i.imm & 0xFF);
            case 0xD5 -> Bcd.aad(c, (int) i.imm & 0xFF);
            case 0xD6 -> c.setReg(1, 0, (c.flags & CF) != 0 ? 0xFF : 0, false);
            case 0xD7 -> {
                long a = (c.reg(i.addrSize, 3, false) + (c.gpr[0] & 0xFF)) & addrMask();
                c.setReg(1, 0, c.read8(i.segOverride >= 0 ? i.segOverride : DS, a), false);
            }
            case 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF -> x87.execute();
            case 0xE0, 0xE1, 0xE2 -> {
                int as = i.addrSize;
                long cnt = (c.reg(as, 1, false) - 1) & Cpu.mask(as);
                c.setReg(as, 1, cnt, false);
                boolean z = (c.flags & ZF) != 0;
                boolean take = cnt != 0 && (op == 0xE2 || (op == 0xE1 ? z : !z));
                if (take) jumpNear(nextIp + i.imm);
            }
            case 0xE3 -> {
                if (c.reg(i.addrSize, 1, false) == 0) jumpNear(nextIp + i.imm);
            }
            case 0xE4, 0xE5 -> c.setReg(os, 0, in((int) i.imm & 0xFF, os), false);
            case 0xE6, 0xE7 -> out((int) i.imm & 0xFF, os, c.reg(os, 0, false));
            case 0xEC, 0xED -> c.setReg(os, 0, in((int) c.gpr[2] & 0xFFFF, os), false);
            case 0xEE, 0xEF -> out((int) c.gpr[2] & 0xFFFF, os, c.reg(os, 0, false));
            case 0xE8 -> callNear(os);
            case 0xE9, 0xEB -> jumpNear(nextIp + i.imm);
            case 0xEA -> sys.farJump(i.imm2, i.imm);
            case 0xF1 -> interrupts.software(1, Interrupts.ICEBP);
            case 0xF4 -> sys.hlt();
            case 0xF5 -> c.flags ^= CF;
            case 0xF6, 0xF7 -> group3(os);
            case 0xF8 -> c.flags &= ~CF;
            case 0xF9 -> c.flags |= CF;
            case 0xFA -> sys.cli();
            case 0xFB -> sys.sti();
            case 0xFC -> c.flags &= ~DF;
            case 0xFD -> c.flags |= DF;
            case 0xFE, 0xFF -> group5(os);
            default -> {
                if (op >= 0x100) TwoByte.execute(this);
                else throw ud();
            }
        }
    }

    // The most frequent one-byte opcodes each have a small method of their own: HotSpot compiles it with
    // its operand accessors inlined, where the big switch above would call each of them.

    private void incReg(int r, int os) {
        c.setReg(os, r, Alu.inc(c, os, c.reg(os, r, false)), false);
    }

    private void decReg(int r, int os) {
        c.setReg(os, r, Alu.dec(c, os, c.reg(os, r, false)), false);
    }

    private void pushReg(int os) {
        c.push(os, c.reg(os, i.rm, false));
    }

    private void popReg(int os) {
        long v = c.pop(os);
        c.setReg(os, i.rm, v, false);
    }

    private void jcc(int cc) {
        if (cond(cc)) jumpNear(nextIp + i.imm);
    }

    /** Group 1 (80-83): the ALU operation ModRM.reg names, with an immediate; CMP writes nothing. */
    private void group1(int os) {
        int aop = i.reg & 7;
        long b = i.imm & Cpu.mask(os);
        if (aop == 7) Alu.alu(c, 7, os, readRm(os), b);
        else writeRm(os, Alu.alu(c, aop, os, readRmForWrite(os), b), true);
    }

    private void test(int os) {
        Alu.logic(c, os, readRm(os) & getReg(os));
    }

    private void movToRm(int os) {
        writeRm(os, getReg(os), false);
    }

    private void movFromRm(int os) {
        setReg(os, readRm(os));
    }

    private void movImmToRm(int os) {
        writeRm(os, i.imm & Cpu.mask(os), false);
    }

    private void lea(int os) {
        if (i.mod == 3) throw ud();
        setReg(os, computeEa());
    }

    /** RET and RET imm16: {@code release} more bytes of stack go with the return address. */
    private void ret(int os, long release) {
        jumpNear(c.peek(os, 0)); // checks the target before SP moves
        c.setSp(c.sp() + os + release);
    }

    private void callNear(int os) {
        long target = nextIp + i.imm;
        long t = os == 2 ? target & 0xFFFF : os == 4 ? target & 0xFFFF_FFFFL : target;
        checkNearTarget(t);
        c.push(os, nextIp);
        c.rip = t;
    }

    private void xchgAx() {
        int os = i.opSize;
        long a = c.reg(os, 0, false);
        c.setReg(os, 0, c.reg(os, i.rm, false), false);
        c.setReg(os, i.rm, a, false);
    }

    private void aluForm(int aop, int form, int os) {
        switch (form) {
            case 0, 1 -> {
                if (aop == 7) Alu.alu(c, 7, os, readRm(os), getReg(os));
                else writeRm(os, Alu.alu(c, aop, os, readRmForWrite(os), getReg(os)), true);
            }
            case 2, 3 -> {
                long r = Alu.alu(c, aop, os, getReg(os), readRm(os));
                if (aop != 7) setReg(os, r);
            }
            default -> {
                long r = Alu.alu(c, aop, os, c.reg(os, 0, false), i.imm & Cpu.mask(os));
                if (aop != 7) c.setReg(os, 0, r, false);
            }
        }
    }

    private void shiftForm(int os, int count) {
        int sop = i.reg & 7;
        long a = readRmForWrite(os);
        writeRm(os, Alu.shift(c, sop, os, a, count), true);
    }

    void checkNearTarget(long t) {
        if (c.mode == 64) {
            if (((t << 16) >> 16) != t) throw c.gp(0);
        } else if (t > c.segLimit[CS]) {
            throw c.gp(0);
        }
    }

    private void loadFarPointer(int seg) {
        if (i.mod == 3) throw ud();
        int os = i.opSize;
        ea = computeEa();
        long off = c.read(i.memSeg, ea, os);
        int sel = c.read16(i.memSeg, (ea + os) & addrMask());
        sys.loadSeg(seg, sel);
        setReg(os, off);
    }

    private void enter() {
        int os = i.opSize;
        int ss = c.stackSize();
        long size = i.imm & 0xFFFF;
        int level = i.imm2 & 31;
        long bp = c.reg(ss, 5, false);
        c.push(os, c.reg(os, 5, false));
        long frame = c.sp();
        for (int k = 1; k < level; k++) {
            bp = (bp - os) & Cpu.mask(ss);
            c.push(os, c.read(SS, bp, os));
        }
        if (level > 0) c.push(os, frame);
        long newSp = (c.sp() - size) & Cpu.mask(ss);
        c.linear(SS, newSp, 1, true);
        c.setReg(os, 5, frame, false);
        c.setReg(ss, 4, newSp, false);
    }

    private void group3(int os) {
        switch (i.reg & 7) {
            case 0, 1 -> Alu.logic(c, os, readRm(os) & i.imm & Cpu.mask(os));
            case 2 -> writeRm(os, ~readRmForWrite(os) & Cpu.mask(os), true);
            case 3 -> {
                long a = readRmForWrite(os);
                long r = Alu.sub(c, os, 0, a, 0);
                writeRm(os, r, true);
            }
            case 4 -> Muldiv.mul(c, os, readRm(os));
            case 5 -> Muldiv.imul1(c, os, readRm(os));
            case 6 -> Muldiv.div(c, os, readRm(os));
            default -> Muldiv.idiv(c, os, readRm(os));
        }
    }

    private void group5(int os) {
        int r = i.reg & 7;
        switch (r) {
            case 0 -> writeRm(os, Alu.inc(c, os, readRmForWrite(os)), true);
            case 1 -> writeRm(os, Alu.dec(c, os, readRmForWrite(os)), true);
            case 2 -> {
                long t = readRm(os);
                checkNearTarget(os == 2 ? t & 0xFFFF : t);
                c.push(os, nextIp);
                c.rip = os == 2 ? t & 0xFFFF : t;
            }
            case 3, 5 -> {
                if (i.mod == 3) throw ud();
                int fs = i.opSize; // far pointer: offset of operand size, then selector
                ea = computeEa();
                long off = c.read(i.memSeg, ea, fs);
                int sel = c.read16(i.memSeg, (ea + fs) & addrMask());
                if (r == 3) sys.farCall(sel, off);
                else sys.farJump(sel, off);
            }
            case 4 -> jumpNear(readRm(os));
            default -> c.push(os, readRm(os));
        }
    }

    // ---- port I/O ----

    int in(int port, int size) {
        sys.checkIo(port, size);
        ioDone = true;
        return ports == null ? (int) Cpu.mask(size) : ports.read(port, size);
    }

    void out(int port, int size, long v) {
        sys.checkIo(port, size);
        ioDone = true;
        if (ports != null) ports.write(port, size, (int) v);
    }
}
