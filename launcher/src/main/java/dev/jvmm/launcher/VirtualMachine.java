package dev.jvmm.launcher;

import dev.jvmm.core.boot.BootException;
import dev.jvmm.core.boot.BootFormat;
import dev.jvmm.core.boot.BootRequest;
import dev.jvmm.core.boot.KernelLoader;
import dev.jvmm.core.boot.LoadedKernel;
import dev.jvmm.core.clock.Clock;
import dev.jvmm.core.clock.HostClock;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.Engine;
import dev.jvmm.core.engine.Machine;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.core.memory.MemoryConfigException;
import dev.jvmm.cpu.jit.JitEngine;
import dev.jvmm.cpu.jit.LockstepEngine;
import dev.jvmm.devices.pc.BiosHandoff;
import dev.jvmm.devices.pc.PcBoard;
import dev.jvmm.kvm.KvmHost;
import dev.jvmm.launcher.gdb.GdbServer;
import dev.jvmm.launcher.gdb.GdbSession;
import dev.jvmm.launcher.stat.LiveCounters;
import dev.jvmm.devices.serial.AsyncStreamSink;
import dev.jvmm.devices.serial.SerialSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;

/**
 * One run of one guest: map RAM, build the PC, load the kernel, run the vCPU until something ends the
 * run, report. The whole lifecycle is in {@link #boot()}, top to bottom.
 */
final class VirtualMachine {
    private final MachineConfig config;
    private final PrintWriter out;
    private final PrintWriter err;
    private final InterruptHook interrupts;
    /** Where traces go: standard error, or --trace-file (-D). */
    private PrintWriter trace;
    /** The gdb stub's listener (--gdb), or null. */
    private GdbServer gdb;
    /** The gdb connected now, or null. */
    private GdbSession debugger;
    /** The kernel speaks the Linux boot protocol: reports may say what its halts mean. */
    private boolean linuxGuest;

    VirtualMachine(MachineConfig config, PrintWriter out, PrintWriter err, InterruptHook interrupts) {
        this.config = config;
        this.out = out;
        this.err = err;
        this.interrupts = interrupts;
    }

    /** Boots the guest and returns the process exit status. */
    int boot() {
        GuestMemory memory;
        try {
            memory = GuestMemory.create(config.ramBytes());
        } catch (MemoryConfigException e) {
            err.println("jvmm: -m: " + e.getMessage());
            return ExitStatus.USAGE;
        }
        SerialSink serial;
        try {
            serial = openSerial();
        } catch (IOException e) {
            memory.close();
            err.println("jvmm: --serial: cannot open " + e.getMessage());
            return ExitStatus.USAGE;
        }
        OutputCheck outputCheck = OutputCheck.forRun(config.guest(), config.commandLine());
        try {
            trace = config.traceFile() == null ? err : new PrintWriter(Files.newBufferedWriter(config.traceFile()), true);
        } catch (IOException e) {
            memory.close();
            err.println("jvmm: --trace-file: cannot write " + config.traceFile() + ": " + e.getMessage());
            return ExitStatus.USAGE;
        }
        try (memory) {
            Clock clock = config.virtualClock() ? new VirtualClock(1) : new HostClock();
            TimerQueue timers = new TimerQueue(clock);
            int vcpus = config.vcpus();
            String smpRefusal = smpRefusal(vcpus);
            if (smpRefusal != null) {
                err.println("jvmm: -smp " + vcpus + ": " + smpRefusal);
                return ExitStatus.USAGE;
            }
            PcBoard board = PcBoard.create(memory, timers, PcBoard.Options.defaults().withCom1(outputCheck == null ? serial : outputCheck.recording(serial)).withRtcStart(config.rtcStart())
                    .withPcTestDevice(config.devices().contains("pc-testdev"))
                    .withPciTestDevice(config.devices().contains("pci-testdev")).withCpus(vcpus));
            for (int k = 0; k < vcpus; k++) board.localApic(k).setFeatures(config.x2apic(), config.tscDeadline());
            byte[] cmdline = (config.commandLine() + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            board.fwCfg().putU32(dev.jvmm.devices.fwcfg.FwCfg.CMDLINE_SIZE, cmdline.length);
            board.fwCfg().put(dev.jvmm.devices.fwcfg.FwCfg.CMDLINE_DATA, cmdline);
            Platform platform = board.platform();
            StopRequest stop = board.stop();

            LoadedKernel kernel;
            try {
                BootRequest request = BootRequest.of(config.image(), config.commandLine())
                        .withInitrd(config.initrd()).withUnpacking(config.unpacking())
                        .withAcpiRsdp(board.acpi().rsdp());
                kernel = config.flatImage() ? KernelLoader.load(memory, request, BootFormat.FLAT_REAL_MODE)
                        : KernelLoader.load(memory, request);
            } catch (BootException e) {
                err.println("jvmm: " + config.imageName() + ": " + e.getMessage());
                return ExitStatus.USAGE;
            }
            if (kernel.format() == BootFormat.MULTIBOOT || kernel.format() == BootFormat.FLAT_REAL_MODE) {
                BiosHandoff.apply(board.ports(), memory); // QEMU boots these through its BIOS: leave what SeaBIOS leaves
            }
            if (config.traces().contains(RunCommand.Trace.BOOT)) trace.println("jvmm: boot: " + kernel.summary());
            boolean linux = isLinux(kernel.format());
            if (linux && config.engine().name().equals("kvm") && KvmHost.detect() == KvmHost.PVM) {
                err.println("jvmm: engine kvm: this host's /dev/kvm is PVM, which cannot boot a stock Linux kernel"
                        + " (it never gets through the kernel's start-up); use --engine jit");
                return ExitStatus.USAGE;
            }
            if (config.traces().contains(RunCommand.Trace.IO)) {
                platform.ports().setTrace((port, size, write, value) -> trace.printf("jvmm: io: %s port 0x%04x size %d value 0x%x%n",
                        write ? "out" : "in ", port, size, value));
            }

            Engine engine = config.engine().factory().get();
            if (config.traces().contains(RunCommand.Trace.JIT)) {
                java.util.function.Consumer<String> unitTrace = text -> {
                    synchronized (trace) { // units are translated on a background thread
                        trace.println(text);
                        trace.flush();
                    }
                };
                if (engine instanceof JitEngine jit) engine = jit.withUnitTrace(unitTrace);
                else if (engine instanceof LockstepEngine lockstep) engine = lockstep.withUnitTrace(unitTrace);
                else {
                    err.println("jvmm: --trace jit needs an engine that translates (jit or lockstep), not " + config.engine().name());
                    return ExitStatus.USAGE;
                }
            }
            try (Machine machine = engine.createMachine(platform); Vcpu vcpu = machine.createVcpu(0);
                 ApplicationProcessors aps = ApplicationProcessors.start(machine, vcpu, board)) {
                vcpu.setState(kernel.entryState());
                InstructionTrace insnTrace = null;
                boolean registers = config.traces().contains(RunCommand.Trace.CPU);
                if (config.traces().contains(RunCommand.Trace.INSN) || registers) {
                    if (!vcpu.canSingleStep()) {
                        err.println("jvmm: --trace insn needs an engine that can single-step (interp or kvm), not " + config.engine().name());
                        return ExitStatus.USAGE;
                    }
                    vcpu.setSingleStep(true);
                    insnTrace = new InstructionTrace(memory, trace, registers);
                }
                if (config.traces().contains(RunCommand.Trace.INT) && !vcpu.setInterruptTrace((vector, code, kind, cs, rip) ->
                        trace.printf("jvmm: int: vector 0x%02x %s%s at %04x:%x%n", vector, kind, code < 0 ? "" : String.format(" error code 0x%x", code), cs, rip))) {
                    err.println("jvmm: --trace int needs a software engine (interp, jit or lockstep), not " + config.engine().name());
                    return ExitStatus.USAGE;
                }
                stop.onRequest(aps::requestExitAll);
                interrupts.attach(stop);
                try {
                    gdb = config.gdb() == null ? null : GdbServer.listen(config.gdb(), err);
                } catch (IOException e) {
                    err.println("jvmm: --gdb " + config.gdb() + ": cannot listen: " + e.getMessage());
                    return ExitStatus.USAGE;
                }
                if (gdb != null) gdb.start(vcpu, memory, stop);
                LiveCounters live = startLiveCounters(vcpu, platform);
                Thread watchdog = startTimeout(stop);
                try (SerialConsole console = SerialConsole.attachIfInteractive(config.serial(), board.com1(), timers, stop)) {
                    RunawayCodeWatch runaway = config.timeoutSeconds() == null ? new RunawayCodeWatch() : null;
                    Thread ticker = runaway == null ? null : startTicker(vcpu);
                    VcpuExit exit;
                    try {
                        exit = runUntilMachineEvent(vcpu, stop, insnTrace, runaway, memory, aps);
                    } finally {
                        if (ticker != null) ticker.interrupt();
                    }
                    aps.stopAll();
                    Vcpu ended = vcpu;
                    if (aps.failed() != null) { // an application processor's triple fault or engine error ends the machine
                        exit = aps.failed().exit();
                        ended = aps.failed().vcpu();
                    }
                    board.flushOutput();
                    linuxGuest = linux;
                    int status = report(exit, stop.reason(), ended, aps, board, outputCheck);
                    if (debugger != null) debugger.finished(status);
                    return status;
                } finally {
                    if (watchdog != null) watchdog.interrupt();
                    if (gdb != null) gdb.close();
                    if (live != null) live.close();
                }
            }
        } finally {
            if (trace != err) trace.close();
            if (serial instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    err.println("jvmm: serial output: " + e.getMessage());
                }
            }
        }
    }

    /** Null if this run can have {@code vcpus} vCPUs, else why not. */
    private String smpRefusal(int vcpus) {
        if (vcpus == 1) return null;
        String engineReason = config.engine().factory().get().smpUnavailableReason(vcpus);
        if (engineReason != null) return engineReason;
        if (config.gdb() != null) return "the gdb stub debugs one vCPU; run without --gdb or with -smp 1";
        if (config.traces().contains(RunCommand.Trace.INSN) || config.traces().contains(RunCommand.Trace.CPU)) {
            return "--trace insn single-steps one vCPU; use -smp 1";
        }
        return null;
    }

    private VcpuExit runUntilMachineEvent(Vcpu vcpu, StopRequest stop, InstructionTrace trace, RunawayCodeWatch runaway, GuestMemory memory,
                                          ApplicationProcessors aps) {
        if (trace != null) trace.print(vcpu.state());
        if (gdb != null && config.gdbWait()) {
            err.println("jvmm: gdb: stopped before the first instruction (-S); waiting for gdb");
            err.flush();
            try {
                debugger = gdb.awaitSession(stop);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new VcpuExit.ExitRequested();
            }
        }
        while (true) {
            if (debugger != null) {
                GdbSession.End end = debugger.serve();
                if (end instanceof GdbSession.End.RunEnded(VcpuExit exit)) return exit;
                debugger = null; // detached: run on, and let the next gdb connect
                gdb.sessionEnded();
                if (trace != null) vcpu.setSingleStep(true);
            }
            if (stop.reason() != null || aps.failed() != null) return new VcpuExit.ExitRequested();
            VcpuExit exit = vcpu.run();
            if (aps.failed() != null) return new VcpuExit.ExitRequested();
            if (exit instanceof VcpuExit.ExitRequested && stop.reason() == null) { // the ticker, a gdb connecting, an INIT, or a spurious wake-up
                if (gdb != null && (debugger = gdb.pendingSession()) != null) continue;
                String note = runaway == null ? null : runaway.sample(vcpu.state(), memory);
                if (note != null) {
                    err.println("jvmm: " + note);
                    err.flush();
                }
                continue;
            }
            if (exit instanceof VcpuExit.Breakpoint) {
                if (trace != null && stop.reason() == null) trace.print(vcpu.state()); // what runs next, if anything
                continue; // no debugger attached: nothing else to stop for
            }
            return exit;
        }
    }

    /** The counters {@code jvmm stat} reads; a run without them (no writable directory) only says so. */
    private LiveCounters startLiveCounters(Vcpu vcpu, Platform platform) {
        try {
            return LiveCounters.start(config.imageName(), vcpu, platform.ports());
        } catch (IOException | RuntimeException | LinkageError e) { // LinkageError: Agrona without ./jvmm's --add-exports
            err.println("jvmm: live counters (jvmm stat) are off: " + e.getMessage());
            return null;
        }
    }

    private static boolean isLinux(BootFormat format) {
        return format == BootFormat.LINUX || format == BootFormat.LINUX_UNPACKED || format == BootFormat.PVH;
    }

    /** {@code vcpu}: the one whose exit ended the run (its state says where); instructions are counted over every vCPU. */
    private int report(VcpuExit exit, StopReason reason, Vcpu vcpu, ApplicationProcessors aps, PcBoard board, OutputCheck outputCheck) {
        CpuState s = vcpu.state();
        long retired = aps.instructionsRetired();
        String where = (config.vcpus() > 1 ? "vCPU " + aps.indexOf(vcpu) + " " : "")
                + String.format("at %04x:%x", s.seg[CpuState.CS].selector(), s.rip)
                + (retired >= 0 ? String.format(" after %,d instructions", retired) : "");
        int status;
        String line;
        switch (exit) {
            case VcpuExit.Halted h -> {
                status = ExitStatus.HALTED;
                line = "guest halted: " + h.why() + (linuxGuest && (s.rflags & ControlBits.IF) == 0
                        ? " (how Linux ends 'poweroff' or a halt when it finds no ACPI power-off)" : "");
            }
            case VcpuExit.Shutdown sd -> { status = ExitStatus.SHUTDOWN; line = "guest shut down: " + sd.why(); }
            case VcpuExit.InternalError ie -> { status = ExitStatus.ENGINE_ERROR; line = "engine error: " + ie.report(); }
            case VcpuExit.Breakpoint b -> { status = ExitStatus.ENGINE_ERROR; line = "unexpected breakpoint"; }
            case VcpuExit.ExitRequested r -> {
                switch (reason) {
                    case StopReason.DebugExit d -> {
                        status = d.exitStatus();
                        String mismatch = outputCheck == null || status != config.guest().expectedExitStatus() ? null : outputCheck.mismatch();
                        line = mismatch; // a guest that passed its own checks and printed the wrong thing has not passed
                        if (mismatch != null) status = ExitStatus.WRONG_OUTPUT;
                    }
                    case StopReason.PowerOff off -> { status = ExitStatus.OK; line = "guest powered off (" + off.source() + ")"; }
                    case StopReason.Reset rs -> { status = ExitStatus.RESET; line = "guest requested a reset (" + rs.source() + "); jvmm does not reboot"; }
                    case StopReason.Timeout t -> { status = ExitStatus.TIMEOUT; line = "timeout after " + t.seconds() + " s"; }
                    case StopReason.Interrupted i -> { status = ExitStatus.INTERRUPTED; line = "interrupted"; }
                }
            }
        }
        if (line != null) err.println("jvmm: " + line + " " + where);
        if (config.stats()) printStats(vcpu, retired, board, s, exit, reason);
        err.flush();
        return status;
    }

    private void printStats(Vcpu vcpu, long retired, PcBoard board, CpuState s, VcpuExit exit, StopReason reason) {
        err.println("jvmm: --- stats ---");
        err.printf("jvmm: engine %s, %d vCPU%s, exit %s%s%n", config.engine().name(), config.vcpus(), config.vcpus() > 1 ? "s" : "",
                exit, reason == null ? "" : ", stop " + reason);
        err.println("jvmm: instructions retired: " + (retired >= 0 ? String.format("%,d", retired) : "not counted by this engine"));
        for (String l : vcpu.stats().split("\n")) if (!l.isBlank()) err.println("jvmm: " + l);
        for (String l : board.statistics().split("\n")) if (!l.isBlank()) err.println("jvmm: " + l);
        var unowned = board.platform().ports().unownedAccesses();
        if (unowned.isEmpty()) err.println("jvmm: unowned ports: none accessed");
        for (long[] p : unowned) {
            err.printf("jvmm: unowned port 0x%04x accessed %d times%n", p[0], p[1]);
        }
    }

    private SerialSink openSerial() throws IOException {
        return switch (config.serial()) {
            case SerialTarget.Stdio s -> new AsyncStreamSink(nonClosing(System.out), "com1-stdout");
            case SerialTarget.None n -> SerialSink.DISCARD;
            case SerialTarget.File f -> new AsyncStreamSink(Files.newOutputStream(f.path()), "com1-file");
        };
    }

    /** Without --timeout: stops the vCPU every {@link RunawayCodeWatch#PERIOD_MILLIS} so the run loop can look at it. */
    private static Thread startTicker(Vcpu vcpu) {
        return Thread.ofPlatform().daemon().name("jvmm-runaway-code-watch").start(() -> {
            try {
                while (true) {
                    Thread.sleep(RunawayCodeWatch.PERIOD_MILLIS);
                    vcpu.requestExit();
                }
            } catch (InterruptedException finished) {
                // the run ended
            }
        });
    }

    private Thread startTimeout(StopRequest stop) {
        if (config.timeoutSeconds() == null) return null;
        double seconds = config.timeoutSeconds();
        Thread t = Thread.ofPlatform().daemon().name("jvmm-timeout").start(() -> {
            try {
                Thread.sleep((long) (seconds * 1000));
                stop.request(new StopReason.Timeout(seconds));
            } catch (InterruptedException finishedFirst) {
                // the guest ended before the deadline
            }
        });
        return t;
    }

    private static OutputStream nonClosing(OutputStream o) {
        return new java.io.FilterOutputStream(o) {
            @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
            @Override public void close() throws IOException { flush(); }
        };
    }
}
