package dev.jvmm.kvm;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.DebugWatchpoint;
import dev.jvmm.core.engine.CurrentVcpu;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.StartupGate;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.engine.VcpuGroup;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.irq.LockedInterruptController;
import dev.jvmm.core.jfr.InterruptEvent;
import dev.jvmm.core.jfr.KvmExitEvent;
import dev.jvmm.kvm.sys.KvmApi;
import dev.jvmm.kvm.sys.KvmFpuLayout;
import dev.jvmm.kvm.sys.KvmGuestDebugLayout;
import dev.jvmm.kvm.sys.KvmRunLayout;
import dev.jvmm.kvm.sys.LibC;
import dev.jvmm.core.memory.GuestMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One vCPU on /dev/kvm, of a {@link KvmMachine} (a VM of its own when made by {@link #create(Platform)}),
 * exiting into the shared device models.
 *
 * <p>{@link #run()} is the whole VMM loop, in the spirit of kvmtool's kvm-cpu.c: inject a pending
 * interrupt (or ask for an interrupt window), enter the guest with KVM_RUN, and dispatch on
 * {@code kvm_run.exit_reason}: port I/O to the {@code PortBus}, MMIO to {@code GuestMemory} (which
 * forwards holes to the {@code MmioBus}), HLT to the timer queue's idle. After every exit due timers
 * run and a {@code StopRequest} ends the run.
 *
 * <p>Guest RAM is the very {@code MemorySegment} of {@link GuestMemory#ram()}: guest writes are
 * visible to Java at once and vice versa. It is mapped into KVM at the first {@link #run()} of any
 * vCPU ({@link KvmMachine#mapGuestMemoryOnce()}).
 *
 * <p>On a machine with several vCPUs each talks to its own local APIC (its view of the interrupt chip,
 * under the device lock), an application processor waits for INIT/SIPI in user space
 * ({@link StartupGate}) and HLT idles through the {@link VcpuGroup}, as the software engines' vCPUs do.
 */
public final class KvmVcpu implements Vcpu {
    private final Platform platform;
    private final KvmMachine machine;
    /** The machine was made for this vCPU alone ({@link #create(Platform)}) and closes with it. */
    private boolean ownsMachine;
    private final int index;
    /** This vCPU's view of the interrupt chip (its local APIC, or the 8259A of a one-vCPU machine). */
    private final InterruptController pic;
    /** The machine's vCPUs when it has several, else null. */
    private final VcpuGroup group;
    /** INIT and start-up IPIs from other vCPUs (null on a machine of one). */
    private final StartupGate startup;
    private final KvmHost host;
    private final KvmSystem kvm;
    private final int fd;
    private final KvmRun run;
    /** Owns the kvm_run mapping and the ioctl argument buffers; closing it unmaps kvm_run. */
    private final Arena arena;
    private final MemorySegment irq;
    private final VcpuRegisters registers;
    private final VcpuKick kick = new VcpuKick();
    private final DeadlineKicker deadlines = new DeadlineKicker(kick::kick);
    private final ExitStats stats = new ExitStats();
    private final InterpreterFallback fallback;
    private volatile boolean exitRequested;
    /** The last exit was IO or MMIO: KVM finishes that instruction only on the next KVM_RUN. */
    private boolean ioPending;
    private volatile boolean closed;
    /** KVM_SET_GUEST_DEBUG single-step is on: run() returns after every instruction. */
    private boolean singleStep;
    /** A debugger's data watchpoints in DR0-DR3 (KVM_GUESTDBG_USE_HW_BP), and which hit at the last debug exit. */
    private java.util.List<DebugWatchpoint> debugWatchpoints = java.util.List.of();
    private int debugTrapHits;

    private KvmVcpu(KvmMachine machine, int index, int fd, Arena arena, MemorySegment run) {
        this.platform = machine.platform();
        this.machine = machine;
        this.index = index;
        this.group = machine.group();
        InterruptController view = platform.interrupts(index);
        this.pic = group != null ? new LockedInterruptController(view, platform.timers().deviceLock()) : view;
        this.startup = group != null ? new StartupGate(index != 0) : null;
        // another vCPU's thread made an interrupt or NMI deliverable here: leave KVM_RUN to take it
        if (group != null) pic.setKickListener(kick::kick);
        this.host = machine.host();
        this.kvm = machine.kvm();
        this.fd = fd;
        this.arena = arena;
        this.run = new KvmRun(run);
        this.irq = arena.allocate(ValueLayout.JAVA_INT);
        this.registers = new VcpuRegisters(fd, arena, kvm.checkExtension(KvmApi.KVM_CAP_DEBUGREGS) > 0,
                kvm.checkExtension(KvmApi.KVM_CAP_VCPU_EVENTS) > 0, host);
        this.fallback = new InterpreterFallback(platform, group != null);
    }

    /** Opens /dev/kvm, creates a VM with one vCPU, its CPUID and FPU set up; guest RAM is mapped at the first run. */
    public static KvmVcpu create(Platform platform) {
        KvmMachine machine = new KvmMachine(platform);
        try {
            KvmVcpu vcpu = machine.createVcpu(0);
            vcpu.ownsMachine = true;
            return vcpu;
        } catch (RuntimeException e) {
            machine.close();
            throw e;
        }
    }

    /** vCPU {@code index} of {@code machine} (APIC ID {@code index}), its CPUID and FPU set up. */
    static KvmVcpu create(KvmMachine machine, int index) {
        KvmSystem kvm = machine.kvm();
        int fd = -1;
        Arena arena = Arena.ofShared();
        KvmVcpu vcpu;
        try {
            fd = machine.vm().createVcpuFd(index);
            long runSize = kvm.vcpuMmapSize();
            MemorySegment raw = LibC.mmap(runSize, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd);
            if (LibC.mapFailed(raw)) throw new KvmSyscallException("mmap(vcpu fd, kvm_run)", LibC.errno());
            // SAFETY: mmap returned a mapping of exactly runSize bytes (KVM_GET_VCPU_MMAP_SIZE: kvm_run
            // plus the pages KVM puts port I/O data in). Binding it to the shared arena makes the
            // arena's close the only unmap: any later access (say a racing requestExit) throws
            // IllegalStateException instead of touching an unmapped page.
            long address = raw.address();
            MemorySegment runPage = raw.reinterpret(runSize, arena, ignored -> LibC.munmap(address, runSize));
            vcpu = new KvmVcpu(machine, index, fd, arena, runPage);
        } catch (RuntimeException e) {
            arena.close();
            Ioctls.close(fd);
            throw e;
        }
        try {
            vcpu.setCpuid();
            vcpu.resetFpu();
            return vcpu;
        } catch (RuntimeException e) {
            vcpu.close();
            throw e;
        }
    }

    private void setCpuid() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment cpuid = kvm.supportedCpuid(call);
            CpuidPolicy.apply(cpuid, host, index);
            Ioctls.call("KVM_SET_CPUID2", fd, KvmApi.KVM_SET_CPUID2, cpuid);
        }
    }

    /** FNINIT control word and default MXCSR, read-modify-write through KVM_GET_FPU/KVM_SET_FPU. */
    private void resetFpu() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment fpu = call.allocate(KvmFpuLayout.LAYOUT);
            Ioctls.call("KVM_GET_FPU", fd, KvmApi.KVM_GET_FPU, fpu);
            fpu.set(ValueLayout.JAVA_SHORT, KvmFpuLayout.FCW, KvmFpuLayout.FCW_RESET);
            fpu.set(ValueLayout.JAVA_INT, KvmFpuLayout.MXCSR, KvmFpuLayout.MXCSR_RESET);
            Ioctls.call("KVM_SET_FPU", fd, KvmApi.KVM_SET_FPU, fpu);
        }
    }

    // ---- the run loop ----------------------------------------------------------------------------

    @Override
    public VcpuExit run() {
        if (closed) throw new IllegalStateException("vCPU is closed");
        machine.mapGuestMemoryOnce();
        kick.attachCurrentThread(fd);
        if (group != null) CurrentVcpu.set(index);
        debugTrapHits = 0;
        long started = System.nanoTime();
        try {
            if (startup != null && startup.mustWait() && !awaitStartup()) return exitRequestedNow();
            while (true) {
                if (stopWanted()) return exitRequestedNow();
                offerInterrupt();
                if (singleStep && nextInstructionIsHlt()) return stepOverHlt();
                if (!enterGuest()) continue; // EINTR: a kick (stop request or timer deadline)
                VcpuExit exit = handleExit();
                if (exit != null) return exit;
                platform.timers().runDue();
                if (singleStep && ioPending) return stepEndsAfterIo();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return exitRequestedNow();
        } finally {
            stats.totalRunNanos += System.nanoTime() - started;
        }
    }

    /** An INIT or the wait for a start-up IPI (application processors): false if a stop came first. */
    private boolean awaitStartup() throws InterruptedException {
        return startup.await(registers::write, this::stopWanted, group);
    }

    /** KVM_RUN once. Returns false if it was interrupted (EINTR) rather than exiting with a reason. */
    private boolean enterGuest() {
        long clockDeadline = platform.timers().nextDeadline();
        long hostDeadline = Long.MAX_VALUE;
        if (clockDeadline != Long.MAX_VALUE) {
            long now = System.nanoTime();
            hostDeadline = now + Math.max(0, clockDeadline - platform.timers().clock().nanos());
            deadlines.arm(hostDeadline);
        }
        KvmExitEvent event = new KvmExitEvent();
        event.begin();
        long t0 = System.nanoTime();
        int rc = LibC.ioctl(fd, KvmApi.KVM_RUN, 0L);
        long t1 = System.nanoTime();
        if (event.shouldCommit()) {
            event.reason = rc >= 0 ? KvmApi.exitName(run.exitReason()) : "INTR";
            event.commit();
        }
        stats.kvmRunNanos += t1 - t0;
        if (hostDeadline != Long.MAX_VALUE) {
            deadlines.disarm();
            // The guest ran until the next timer was due. A virtual clock cannot count instructions
            // under KVM, so it is moved to the deadline; the host clock got there by itself.
            if (t1 >= hostDeadline) platform.timers().clock().skipTo(clockDeadline);
        }
        ioPending = false;
        if (rc >= 0) return true;
        int errno = LibC.errno();
        if (errno != LibC.EINTR && errno != LibC.EAGAIN) throw new KvmSyscallException("KVM_RUN", errno);
        stats.countExit(KvmApi.KVM_EXIT_INTR);
        kick.consumePending();
        run.setImmediateExit(false);
        platform.timers().runDue();
        return false;
    }

    /** Dispatches on the exit reason; null means "handled, enter the guest again". */
    private VcpuExit handleExit() {
        int reason = run.exitReason();
        stats.countExit(reason);
        ioPending = reason == KvmApi.KVM_EXIT_IO || reason == KvmApi.KVM_EXIT_MMIO;
        return switch (reason) {
            case KvmApi.KVM_EXIT_IO -> {
                handlePortIo();
                yield null;
            }
            case KvmApi.KVM_EXIT_MMIO -> {
                handleMmio();
                yield null;
            }
            case KvmApi.KVM_EXIT_HLT -> handleHlt();
            case KvmApi.KVM_EXIT_IRQ_WINDOW_OPEN, KvmApi.KVM_EXIT_INTR -> null; // offerInterrupt() does the rest
            case KvmApi.KVM_EXIT_SHUTDOWN -> new VcpuExit.Shutdown("triple fault");
            case KvmApi.KVM_EXIT_DEBUG -> {
                debugTrapHits = (int) (run.debugDr6() & 0xF);
                yield new VcpuExit.Breakpoint(registers.readWithoutMsrs().rip);
            }
            case KvmApi.KVM_EXIT_INTERNAL_ERROR -> emulateInJavaOrReport();
            default -> unhandled();
        };
    }

    /**
     * KVM's emulator gave up on an instruction (PVM's gaps: software interrupts, IRET, DAA in protected
     * mode, x87, a fetch above RAM, ...): the interpreter executes it on the same RAM and state
     * ({@link InterpreterFallback}), and the guest goes on, halts or shuts down as it would on a CPU.
     * Other internal errors, and an instruction the interpreter cannot execute either, are reported.
     */
    private VcpuExit emulateInJavaOrReport() {
        if (run.internalSuberror() != KvmApi.KVM_INTERNAL_ERROR_EMULATION) return unhandled();
        CpuState before = registers.read();
        InterpreterFallback.Outcome done;
        try {
            done = fallback.execute(before);
        } catch (RuntimeException e) {
            VcpuExit.InternalError report = (VcpuExit.InternalError) unhandled();
            return new VcpuExit.InternalError(report.report() + "\nthe interpreter could not execute it either: " + e);
        }
        stats.emulatedInJava++;
        if (done.shutdown() != null) return new VcpuExit.Shutdown(done.shutdown());
        registers.writeChanges(before, done.state());
        if (done.state().halted) return halt((done.state().rflags & ControlBits.IF) != 0);
        if (singleStep) return new VcpuExit.Breakpoint(done.state().rip); // that instruction was the step
        return null;
    }

    private VcpuExit unhandled() {
        return new VcpuExit.InternalError(ExitReport.build(run, state(), platform.memory(), this::translate,
                host.description()));
    }

    /** IN/OUT, including string I/O: {@code count} items of {@code size} bytes at kvm_run + data_offset. */
    private void handlePortIo() {
        int port = run.ioPort(), size = run.ioSize(), count = run.ioCount();
        long data = run.ioDataOffset();
        stats.byPort[port]++;
        for (int i = 0; i < count; i++, data += size) {
            if (run.ioIsOut()) platform.ports().write(port, size, (int) run.getData(data, size));
            else run.putData(data, size, platform.ports().read(port, size) & 0xFFFF_FFFFL);
        }
    }

    /**
     * An access to a guest physical address KVM has no memory for: an MMIO hole inside RAM, a device
     * window or ROM above it, or nothing (reads all ones). GuestMemory knows which.
     */
    private void handleMmio() {
        long address = run.mmioAddress();
        int length = Math.min(8, run.mmioLength());
        long data = KvmRunLayout.MMIO_DATA;
        stats.mmioExits++;
        GuestMemory memory = platform.memory();
        boolean natural = length == 1 || length == 2 || length == 4 || length == 8;
        if (run.mmioIsWrite()) {
            long value = run.getData(data, length);
            if (natural) memory.write(address, length, value);
            else for (int i = 0; i < length; i++) memory.write8(address + i, (int) (value >>> (8 * i)));
        } else {
            long value = 0;
            if (natural) value = memory.read(address, length);
            else for (int i = 0; i < length; i++) value |= (long) memory.read8(address + i) << (8 * i);
            run.putData(data, length, value);
        }
    }

    /** HLT: with IF=0 nothing can wake the CPU; otherwise let time pass until a timer or event. */
    private VcpuExit handleHlt() {
        return halt(run.interruptsEnabled());
    }

    private VcpuExit halt(boolean interruptsEnabled) {
        if (group != null) return haltWithOthers(interruptsEnabled);
        if (!interruptsEnabled) return new VcpuExit.Halted("hlt with interrupts disabled");
        if (pic.interruptPending()) return null; // wakes at once: injected next round
        long t0 = System.nanoTime();
        try {
            if (!platform.timers().idle()) {
                return new VcpuExit.Halted("hlt with no timer or input that could raise an interrupt");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return exitRequestedNow();
        } finally {
            stats.idleNanos += System.nanoTime() - t0;
        }
        return null;
    }

    /**
     * HLT with other vCPUs, which may wake this one (an IPI, INIT): idle in the group until an
     * interrupt can be taken, an INIT or a stop arrives. KVM has left RIP after the HLT.
     */
    private VcpuExit haltWithOthers(boolean interruptsEnabled) {
        long t0 = System.nanoTime();
        try {
            return group.idleWhileHalted(index, !interruptsEnabled, platform.timers(),
                    () -> interruptsEnabled && pic.interruptPending() || startup.initPending() || stopWanted());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return exitRequestedNow();
        } finally {
            stats.idleNanos += System.nanoTime() - t0;
        }
    }

    /**
     * The userspace interrupt controller's INTR line, delivered the way a CPU takes it: only when the
     * guest can accept it (kvm_run says so and RFLAGS.IF=1) is the vector acknowledged and queued
     * with KVM_INTERRUPT; otherwise KVM is asked to exit as soon as the window opens.
     */
    private void offerInterrupt() {
        if (!pic.interruptPending()) {
            run.requestInterruptWindow(false);
            return;
        }
        if (run.readyForInterruptInjection() && run.interruptsEnabled()) {
            int vector = pic.acknowledge();
            if (vector >= 0) {
                irq.set(ValueLayout.JAVA_INT, 0, vector);
                Ioctls.call("KVM_INTERRUPT", fd, KvmApi.KVM_INTERRUPT, irq);
                stats.interruptsInjected++;
                InterruptEvent event = new InterruptEvent();
                if (event.shouldCommit()) {
                    CpuState s = registers.readWithoutMsrs();
                    event.vector = vector;
                    event.kind = InterruptEvent.EXTERNAL;
                    event.errorCode = -1;
                    event.cs = s.seg[CpuState.CS].selector();
                    event.rip = s.rip;
                    event.commit();
                }
            }
            run.requestInterruptWindow(pic.interruptPending());
        } else {
            run.requestInterruptWindow(true);
            stats.windowRequests++;
        }
    }

    private boolean stopWanted() {
        return exitRequested || platform.stop().reason() != null;
    }

    private VcpuExit exitRequestedNow() {
        completePendingIo();
        exitRequested = false;
        run.setImmediateExit(false);
        return new VcpuExit.ExitRequested();
    }

    /**
     * After an IO or MMIO exit the instruction is finished (an IN's data written to RAX, RIP moved
     * past it) only when KVM_RUN is entered again (KVM API doc, KVM_RUN). Before handing the vCPU
     * back, enter once with immediate_exit set: KVM completes the instruction and returns EINTR
     * without running the guest, so {@link #state()} is consistent.
     */
    private void completePendingIo() {
        if (!ioPending) return;
        ioPending = false;
        run.setImmediateExit(true);
        int rc = LibC.ioctl(fd, KvmApi.KVM_RUN, 0L);
        if (rc < 0 && LibC.errno() != LibC.EINTR) throw new KvmSyscallException("KVM_RUN (completing I/O)", LibC.errno());
        kick.consumePending();
    }

    /** Thread-safe. Order matters: immediate_exit first, so a KVM_RUN entered after the flag check still returns. */
    @Override
    public void requestExit() {
        if (closed) return;
        try {
            run.setImmediateExit(true);
        } catch (IllegalStateException closedMeanwhile) {
            return; // close() won the race: there is no run left to end
        }
        exitRequested = true;
        kick.kick();
        platform.timers().wake();
        if (startup != null) startup.wakeForStop();
    }

    /** Thread-safe: INIT from this vCPU's local APIC; it resets at its next run (machines of several vCPUs). */
    @Override
    public void deliverInit() {
        if (startup == null) return;
        startup.init();
        requestExit();
    }

    /** Thread-safe: a start-up IPI; a waiting application processor starts at {@code vector << 12}. */
    @Override
    public void deliverStartup(int vector) {
        if (startup != null) startup.startup(vector);
    }

    // ---- state -----------------------------------------------------------------------------------

    @Override
    public CpuState state() {
        return registers.read();
    }

    @Override
    public void setState(CpuState s) {
        registers.write(s);
    }

    /**
     * KVM_SET_GUEST_DEBUG with SINGLESTEP: {@link #run()} then returns {@link VcpuExit.Breakpoint}
     * after every guest instruction (port I/O and MMIO are still handled inside), the building
     * block of a lockstep comparison with the software CPU.
     */
    @Override
    public boolean canSingleStep() {
        return true;
    }

    @Override
    public void setSingleStep(boolean on) {
        singleStep = on;
        applyGuestDebug();
    }

    /**
     * gdb's watchpoints in the debug registers: KVM exits with KVM_EXIT_DEBUG after the instruction
     * whose data access hit one (a trap, SDM vol. 3, 18.2.4), DR6 saying which. PVM accepts the ioctl
     * but never exits for a hit (tried with a write to a watched word), so there this says it cannot
     * and the debugger falls back to stepping.
     */
    @Override
    public boolean setDebugWatchpoints(java.util.List<DebugWatchpoint> watchpoints) {
        if (host == KvmHost.PVM) return false;
        if (watchpoints.size() > 4) throw new IllegalArgumentException("x86 has four debug registers, not " + watchpoints.size());
        debugWatchpoints = java.util.List.copyOf(watchpoints);
        applyGuestDebug();
        return true;
    }

    @Override
    public int debugTrapHits() {
        return debugTrapHits;
    }

    private void applyGuestDebug() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment debug = call.allocate(KvmGuestDebugLayout.LAYOUT);
            int control = 0;
            if (singleStep) control |= KvmGuestDebugLayout.KVM_GUESTDBG_ENABLE | KvmGuestDebugLayout.KVM_GUESTDBG_SINGLESTEP;
            if (!debugWatchpoints.isEmpty()) {
                control |= KvmGuestDebugLayout.KVM_GUESTDBG_ENABLE | KvmGuestDebugLayout.KVM_GUESTDBG_USE_HW_BP;
                long dr7 = 0;
                for (int i = 0; i < debugWatchpoints.size(); i++) {
                    debug.set(ValueLayout.JAVA_LONG, KvmGuestDebugLayout.DEBUGREG + 8L * i, debugWatchpoints.get(i).linear());
                    dr7 |= debugWatchpoints.get(i).dr7Bits(i);
                }
                debug.set(ValueLayout.JAVA_LONG, KvmGuestDebugLayout.DEBUGREG + 8L * 7, dr7);
            }
            debug.set(ValueLayout.JAVA_INT, KvmGuestDebugLayout.CONTROL, control);
            Ioctls.call("KVM_SET_GUEST_DEBUG", fd, KvmApi.KVM_SET_GUEST_DEBUG, debug);
        }
    }

    /**
     * Single-step and port I/O: the IN/OUT finishes only on the next KVM_RUN, and KVM would then run
     * one more instruction before its debug exit (seen on PVM). Finish it without running the guest
     * instead: that instruction was the step.
     */
    private VcpuExit stepEndsAfterIo() {
        completePendingIo();
        return new VcpuExit.Breakpoint(registers.readWithoutMsrs().rip);
    }

    /**
     * Single-step and HLT: KVM reports the step instead of halting (with a userspace interrupt
     * controller the HLT exit is what halts), so HLT is done here: RIP past it, then wait as
     * {@link #handleHlt} does, and the step ends.
     */
    private VcpuExit stepOverHlt() {
        CpuState s = registers.readWithoutMsrs();
        s.rip += 1;
        registers.writeWithoutMsrs(s);
        VcpuExit halted = halt((s.rflags & ControlBits.IF) != 0);
        return halted != null ? halted : new VcpuExit.Breakpoint(s.rip);
    }

    private boolean nextInstructionIsHlt() {
        CpuState s = registers.readWithoutMsrs();
        long ip = s.codeBits() == 64 ? s.rip : s.rip & (s.codeBits() == 32 ? 0xFFFF_FFFFL : 0xFFFFL);
        long pa = translate(s.cs().base() + ip);
        return pa >= 0 && platform.memory().isRam(pa, 1) && platform.memory().read8(pa) == 0xF4;
    }

    /** KVM_TRANSLATE: guest linear to guest physical address through the guest's paging, or -1. */
    long translate(long linear) {
        return registers.translate(linear);
    }

    @Override
    public long instructionsRetired() {
        return -1; // KVM does not count guest instructions
    }

    @Override
    public String stats() {
        stats.timerKicks = deadlines.kicks();
        return stats.format(host.description());
    }

    /** Exits by reason (those seen so far) and interrupts injected. */
    @Override
    public void sampleCounters(java.util.function.ObjLongConsumer<String> out) {
        out.accept("kvm: exits", stats.totalExits());
        for (int r = 0; r < stats.byReason.length; r++) {
            long n = stats.byReason[r];
            if (n != 0) out.accept("kvm: exits " + KvmApi.exitName(r), n);
        }
        out.accept("kvm: interrupts injected", stats.interruptsInjected);
    }

    /** Total exits so far (every reason, including EINTR kicks). */
    public long exitCount() {
        return stats.totalExits();
    }

    public KvmHost host() {
        return host;
    }

    /** Unmaps kvm_run and closes the vCPU, VM and /dev/kvm descriptors. Close before GuestMemory. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        deadlines.close();
        kick.close();
        arena.close(); // unmaps kvm_run
        Ioctls.close(fd);
        if (ownsMachine) machine.close();
    }
}
