package dev.jvmm.launcher.gdb;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.MemoryWatch;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.engine.VcpuExit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One gdb connection: answers its packets and runs the vCPU when gdb says continue or step. Runs on
 * the thread that owns the vCPU (the machine's run loop); see {@link PacketChannel} for the reader.
 *
 * <p>Breakpoints ({@code Z0}/{@code Z1}) are addresses in a set, never bytes patched into guest
 * memory, so {@code x/} shows the guest's own code. While any is set, continue single-steps the vCPU
 * and stops when the next instruction's EIP/RIP is one of them: the engine executes each instruction
 * through its interpreter path, so a translator never runs past one. Without breakpoints, continue
 * runs the engine at full speed until an interrupt (0x03) or the end of the run.
 *
 * <p>Watchpoints ({@code Z2}/{@code Z3}/{@code Z4}) are checked by the CPU's data accesses
 * ({@link Vcpu#setMemoryWatch}) on the software engines; while any is set, continue single-steps
 * too, and the step whose access touched one stops with {@code watch:}/{@code rwatch:}/{@code awatch:}
 * after the instruction, as a debug-register trap would. On kvm they go into the debug registers
 * ({@link Vcpu#setDebugWatchpoints}) and the guest runs at full speed; where those do not work (PVM)
 * write watchpoints step and compare the watched bytes ({@link WatchMode}).
 *
 * <p>Stop replies: {@code T05} (SIGTRAP) after a step or at a breakpoint, {@code T02} (SIGINT) after
 * an interrupt; when the guest's run ends the caller sends {@code W} with jvmm's exit status
 * ({@link #finished}).
 */
public final class GdbSession {
    private static final int PACKET_SIZE = 0x4000;
    private static final String SIGTRAP = "05", SIGINT = "02";
    private static final HexFormat HEX = HexFormat.of();

    private final PacketChannel channel;
    private final Vcpu vcpu;
    private final DebugMemory memory;
    private final StopRequest stop;
    private final PrintWriter log;
    private final RegisterLayout layout;
    private final MonitorCommands monitor;
    private final Set<Long> breakpoints = new HashSet<>();
    private final List<Watchpoint> watchpoints = new ArrayList<>();
    private final WatchHits watchHits = new WatchHits();
    private WatchMode watchMode = WatchMode.NONE;

    /**
     * How this engine checks watchpoints: the CPU reports every data access (interp, jit, lockstep:
     * exact, reads too); the debug registers (kvm); or, where neither works (kvm on PVM), stepping
     * and comparing the watched bytes, which sees writes that change them, as gdb's own software
     * watchpoints do.
     */
    private enum WatchMode { NONE, ACCESSES, DEBUG_REGISTERS, VALUES }

    /** The mode that can take {@code w} as well as the watchpoints set, arming it; NONE if none can. */
    private WatchMode watchMode(Watchpoint w) throws DebugError {
        if ((watchMode == WatchMode.NONE || watchMode == WatchMode.ACCESSES) && vcpu.setMemoryWatch(watchHits)) return WatchMode.ACCESSES;
        if (watchMode == WatchMode.NONE || watchMode == WatchMode.DEBUG_REGISTERS) {
            List<Watchpoint> wanted = new ArrayList<>(watchpoints);
            wanted.add(w);
            if (!DebugRegisterWatch.fits(wanted)) throw new DebugError("watchpoints need more than the four debug registers");
            if (vcpu.setDebugWatchpoints(DebugRegisterWatch.slots(wanted))) return WatchMode.DEBUG_REGISTERS;
        }
        if (watchMode != WatchMode.DEBUG_REGISTERS && w.type() == Watchpoint.WRITE && vcpu.canSingleStep()) return WatchMode.VALUES;
        return WatchMode.NONE;
    }
    private String lastStop = SIGTRAP;

    /** How {@link #serve} ended. */
    public sealed interface End {
        /** gdb detached or went away: run on without it. */
        record Detached() implements End {}

        /** The run ended (the guest's own end, a stop request, or gdb's kill): report this exit. */
        record RunEnded(VcpuExit exit) implements End {}
    }

    GdbSession(PacketChannel channel, Vcpu vcpu, DebugMemory memory, StopRequest stop, PrintWriter log) {
        this.channel = channel;
        this.vcpu = vcpu;
        this.memory = memory;
        this.stop = stop;
        this.log = log;
        this.layout = RegisterLayout.forState(vcpu.state());
        this.monitor = new MonitorCommands(memory.physical());
    }

    /** Serves packets until gdb detaches or the run ends; the vCPU is stopped on entry (gdb attaching). */
    public End serve() {
        try {
            while (true) {
                String packet = channel.take(200, TimeUnit.MILLISECONDS);
                if (packet == null) {
                    if (stop.reason() != null) return new End.RunEnded(new VcpuExit.ExitRequested());
                    continue;
                }
                if (packet == PacketChannel.CLOSED) return detach("gdb closed the connection");
                End end = handle(packet);
                if (end != null) return end;
            }
        } catch (IOException e) {
            return detach("connection to gdb failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new End.RunEnded(new VcpuExit.ExitRequested());
        }
    }

    /** How long gdb gets to acknowledge the exit packet and hang up before jvmm closes the connection. */
    private static final long HANG_UP_MILLIS = 2_000;

    /**
     * The run ended while gdb waited for a stop reply: tells it the exit status and hangs up. gdb
     * acknowledges the W packet with '+' and then closes its end; closing first could make that '+' hit a
     * closed socket, which gdb reports as "Remote communication error ... Broken pipe", so jvmm waits
     * (bounded) for gdb to close.
     */
    public void finished(int exitStatus) {
        try {
            if (!channel.isClosed()) {
                channel.send(String.format("W%02x", exitStatus & 0xFF));
                long end = System.nanoTime() + HANG_UP_MILLIS * 1_000_000;
                for (long left; (left = end - System.nanoTime()) > 0; ) {
                    String p = channel.take(left, TimeUnit.NANOSECONDS);
                    if (p == null || p == PacketChannel.CLOSED) break;
                }
            }
        } catch (IOException e) {
            // gdb is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close();
    }

    private End handle(String packet) throws IOException {
        char kind = packet.isEmpty() ? ' ' : packet.charAt(0);
        String args = packet.isEmpty() ? "" : packet.substring(1);
        try {
            switch (kind) {
                case '?' -> channel.send(stopReply(lastStop));
                case 'g' -> channel.send(HEX.formatHex(layout.readAll(vcpu.state())));
                case 'G' -> {
                    CpuState s = vcpu.state();
                    layout.writeAll(s, hexBytes(args));
                    vcpu.setState(s);
                    channel.send("OK");
                }
                case 'p' -> {
                    RegisterLayout.Register r = layout.register(Integer.parseInt(args, 16));
                    byte[] value = new byte[r.bytes()];
                    r.access().read(vcpu.state(), value, 0);
                    channel.send(HEX.formatHex(value));
                }
                case 'P' -> {
                    int eq = args.indexOf('=');
                    RegisterLayout.Register r = layout.register(Integer.parseInt(args.substring(0, eq), 16));
                    byte[] value = hexBytes(args.substring(eq + 1));
                    if (value.length != r.bytes()) throw new DebugError(r.name() + " takes " + r.bytes() + " bytes");
                    CpuState s = vcpu.state();
                    r.access().write(s, value, 0);
                    vcpu.setState(s);
                    channel.send("OK");
                }
                case 'm' -> {
                    long[] al = addressLength(args);
                    channel.send(HEX.formatHex(memory.read(vcpu.state(), al[0], (int) Math.min(al[1], PACKET_SIZE / 2))));
                }
                case 'M' -> {
                    int colon = args.indexOf(':');
                    long[] al = addressLength(args.substring(0, colon));
                    byte[] data = hexBytes(args.substring(colon + 1));
                    if (data.length != al[1]) throw new DebugError("M packet length disagrees with its data");
                    memory.write(vcpu.state(), al[0], data);
                    channel.send("OK");
                }
                case 'X' -> {
                    int colon = args.indexOf(':');
                    long[] al = addressLength(args.substring(0, colon));
                    byte[] data = unescape(args.substring(colon + 1));
                    if (data.length != al[1]) throw new DebugError("X packet length disagrees with its data");
                    if (data.length > 0) memory.write(vcpu.state(), al[0], data);
                    channel.send("OK");
                }
                case 'c', 'C' -> { return resume(false); }
                case 's', 'S' -> { return resume(true); }
                case 'Z', 'z' -> breakpoint(kind == 'Z', args);
                case 'H', 'T' -> channel.send("OK"); // one thread: every thread id names it
                case 'k' -> {
                    log.println("jvmm: gdb: killed by gdb");
                    log.flush();
                    stop.request(new StopReason.Interrupted());
                    return new End.RunEnded(new VcpuExit.ExitRequested());
                }
                case 'D' -> {
                    channel.send("OK");
                    return detach("gdb detached");
                }
                case 'q' -> query(args);
                case 'v' -> { return verbose(args); }
                default -> channel.send(""); // not supported: gdb falls back or says so
            }
        } catch (DebugError e) {
            channel.send("E14"); // EFAULT, the error gdb's own stub (and QEMU's) gives for memory
            if (kind != 'm' && kind != 'M' && kind != 'X') {
                log.println("jvmm: gdb: " + e.getMessage());
                log.flush();
            }
        } catch (RuntimeException e) { // a malformed packet: say so, keep serving
            channel.send("E01");
            log.println("jvmm: gdb: malformed packet '" + printable(packet) + "': " + e.getMessage());
            log.flush();
        }
        return null;
    }

    private void query(String q) throws IOException, DebugError {
        if (q.startsWith("Supported")) {
            channel.send("PacketSize=" + Integer.toHexString(PACKET_SIZE) + ";qXfer:features:read+;vContSupported+");
        } else if (q.startsWith("Xfer:features:read:")) {
            String[] parts = q.substring("Xfer:features:read:".length()).split(":");
            if (!parts[0].equals("target.xml")) throw new DebugError("no annex " + parts[0]);
            long[] al = addressLength(parts[1]);
            byte[] xml = layout.targetXml().getBytes(StandardCharsets.UTF_8);
            int from = (int) Math.min(al[0], xml.length), to = (int) Math.min(xml.length, from + Math.min(al[1], PACKET_SIZE / 2));
            channel.send((to == xml.length ? "l" : "m") + escape(xml, from, to));
        } else if (q.equals("C")) {
            channel.send("QC1");
        } else if (q.equals("fThreadInfo")) {
            channel.send("m1");
        } else if (q.equals("sThreadInfo")) {
            channel.send("l");
        } else if (q.startsWith("Rcmd,")) {
            String command = new String(hexBytes(q.substring(5)), StandardCharsets.UTF_8).trim();
            String output = monitor.run(command, vcpu);
            channel.send(HEX.formatHex((output.endsWith("\n") ? output : output + "\n").getBytes(StandardCharsets.UTF_8)));
        } else if (q.startsWith("Attached")) {
            channel.send("1"); // attached to a running machine: gdb's quit detaches instead of killing it
        } else {
            channel.send("");
        }
    }

    private End verbose(String v) throws IOException {
        if (v.equals("Cont?")) {
            channel.send("vCont;c;C;s;S");
            return null;
        }
        if (v.startsWith("Cont;")) {
            boolean step = false;
            for (String action : v.substring(5).split(";")) step |= action.startsWith("s") || action.startsWith("S");
            return resume(step);
        }
        if (v.startsWith("Kill")) {
            channel.send("OK");
            return handle("k");
        }
        channel.send(""); // vMustReplyEmpty and everything else not supported
        return null;
    }

    private void breakpoint(boolean insert, String args) throws IOException, DebugError {
        String[] parts = args.split(",");
        int type = Integer.parseInt(parts[0]);
        long address = Long.parseUnsignedLong(parts[1], 16);
        if (type >= Watchpoint.WRITE && type <= Watchpoint.ACCESS) {
            Watchpoint w = new Watchpoint(type, address, Integer.parseInt(parts[2], 16));
            if (insert) {
                if (w.length() <= 0) throw new DebugError("watchpoint of length " + w.length());
                WatchMode mode = watchMode(w);
                if (mode == WatchMode.NONE) {
                    channel.send(""); // this engine cannot: gdb says so
                    return;
                }
                watchMode = mode;
                watchpoints.add(w);
            } else {
                watchpoints.remove(w);
                switch (watchMode) {
                    case DEBUG_REGISTERS -> vcpu.setDebugWatchpoints(DebugRegisterWatch.slots(watchpoints));
                    case ACCESSES -> { if (watchpoints.isEmpty()) vcpu.setMemoryWatch(null); }
                    default -> {}
                }
                if (watchpoints.isEmpty()) watchMode = WatchMode.NONE;
            }
            channel.send("OK");
            return;
        }
        if (type > Watchpoint.WRITE) {
            channel.send("");
            return;
        }
        if (insert && !vcpu.canSingleStep()) throw new DebugError("breakpoints need an engine that can single-step (interp, jit or kvm)");
        if (insert) breakpoints.add(address);
        else breakpoints.remove(address);
        channel.send("OK");
    }

    /** Continue or step until a stop gdb must hear about, or the end of the run. */
    private End resume(boolean step) throws IOException {
        boolean stepping = step || !breakpoints.isEmpty() || watchMode == WatchMode.ACCESSES || watchMode == WatchMode.VALUES;
        if (stepping && !vcpu.canSingleStep()) {
            channel.send("E01");
            log.println("jvmm: gdb: this engine cannot single-step");
            log.flush();
            return null;
        }
        channel.takeInterrupt(); // one that came while stopped has been answered already
        vcpu.setSingleStep(stepping);
        try {
            while (true) {
                watchHits.hit = null;
                long retired = vcpu.instructionsRetired();
                byte[][] before = watchMode == WatchMode.DEBUG_REGISTERS || watchMode == WatchMode.VALUES ? watchedBytes() : null;
                VcpuExit exit = vcpu.run();
                if (stop.reason() != null) return new End.RunEnded(exit);
                if (channel.isClosed()) return detach("gdb closed the connection");
                switch (exit) {
                    case VcpuExit.Breakpoint b -> {
                        Watchpoint hit = switch (watchMode) {
                            case ACCESSES -> vcpu.instructionsRetired() != retired ? watchHits.hit : null; // the access completed (a fault does not count)
                            case DEBUG_REGISTERS -> debugRegisterHit(before);
                            case VALUES -> changedWatchpoint(before);
                            case NONE -> null;
                        };
                        if (hit != null) {
                            lastStop = SIGTRAP;
                            channel.send("T" + SIGTRAP + hit.stopReason() + ":" + Long.toHexString(hit.address()) + ";thread:1;");
                            return null;
                        }
                        if (step || breakpoints.contains(b.rip())) return stopped(SIGTRAP);
                        if (channel.takeInterrupt()) return stopped(SIGINT);
                    }
                    case VcpuExit.ExitRequested r -> {
                        if (channel.takeInterrupt()) return stopped(SIGINT);
                        // else a periodic wake-up (the zero-code watch): run on
                    }
                    default -> { return new End.RunEnded(exit); } // halted for good, triple fault, engine error
                }
            }
        } finally {
            vcpu.setSingleStep(false);
        }
    }

    /** A Z2 (write), Z3 (read) or Z4 (access) watchpoint over {@code length} bytes at a linear address. */
    record Watchpoint(int type, long address, int length) {
        static final int WRITE = 2, READ = 3, ACCESS = 4;

        boolean matches(long linear, int size, boolean write) {
            if (type == WRITE && !write || type == READ && write) return false;
            return linear < address + length && address < linear + size;
        }

        /** The stop reply's word for it (gdb manual, "Stop Reply Packets"). */
        String stopReason() {
            return type == WRITE ? "watch" : type == READ ? "rwatch" : "awatch";
        }
    }

    /**
     * The watchpoint whose debug register hit at this stop, or null. DR7 has no read-only kind, so a
     * read watchpoint is a read-or-write one whose hits that changed the watched bytes are not reported.
     */
    private Watchpoint debugRegisterHit(byte[][] before) {
        int hits = vcpu.debugTrapHits();
        if (hits == 0) return null;
        byte[][] after = watchedBytes();
        for (int i = 0; i < watchpoints.size(); i++) {
            Watchpoint w = watchpoints.get(i);
            if ((hits & DebugRegisterWatch.slotMask(watchpoints, i)) == 0) continue;
            if (w.type() == Watchpoint.READ && !java.util.Arrays.equals(before[i], after[i])) continue;
            return w;
        }
        return null;
    }

    /** The first watchpoint whose bytes differ from {@code before}, or null. */
    private Watchpoint changedWatchpoint(byte[][] before) {
        byte[][] after = watchedBytes();
        for (int i = 0; i < watchpoints.size(); i++) if (!java.util.Arrays.equals(before[i], after[i])) return watchpoints.get(i);
        return null;
    }

    /** The bytes under each watchpoint now (empty where they cannot be read). */
    private byte[][] watchedBytes() {
        CpuState s = vcpu.state();
        byte[][] values = new byte[watchpoints.size()][];
        for (int i = 0; i < values.length; i++) {
            Watchpoint w = watchpoints.get(i);
            try {
                values[i] = memory.read(s, w.address(), w.length());
            } catch (DebugError e) {
                values[i] = new byte[0];
            }
        }
        return values;
    }

    /** Called from the CPU's data accesses: notes the first watchpoint the current step touched. */
    private final class WatchHits implements MemoryWatch {
        Watchpoint hit;

        @Override
        public void accessed(long linear, int size, boolean write) {
            if (hit != null) return;
            for (Watchpoint w : watchpoints) {
                if (w.matches(linear, size, write)) {
                    hit = w;
                    return;
                }
            }
        }
    }

    private End stopped(String signal) throws IOException {
        lastStop = signal;
        channel.send(stopReply(signal));
        return null;
    }

    private static String stopReply(String signal) {
        return "T" + signal + "thread:1;";
    }

    private End detach(String why) {
        breakpoints.clear();
        watchpoints.clear();
        if (watchMode == WatchMode.DEBUG_REGISTERS) vcpu.setDebugWatchpoints(List.of());
        else vcpu.setMemoryWatch(null);
        watchMode = WatchMode.NONE;
        vcpu.setSingleStep(false);
        channel.close();
        log.println("jvmm: gdb: " + why + "; the guest runs on");
        log.flush();
        return new End.Detached();
    }

    private static long[] addressLength(String s) {
        int comma = s.indexOf(',');
        return new long[] {Long.parseUnsignedLong(s.substring(0, comma), 16), Long.parseLong(s.substring(comma + 1), 16)};
    }

    private static byte[] hexBytes(String s) {
        return HEX.parseHex(s);
    }

    /** Binary data in X packets: 0x7d escapes the next byte, XORed with 0x20. */
    private static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.write(c == 0x7d ? s.charAt(++i) ^ 0x20 : c);
        }
        return out.toByteArray();
    }

    /** Escapes '$', '#', '}' and '*' for binary replies (qXfer). */
    private static String escape(byte[] data, int from, int to) {
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int c = data[i] & 0xFF;
            if (c == '$' || c == '#' || c == '}' || c == '*') b.append('}').append((char) (c ^ 0x20));
            else b.append((char) c);
        }
        return b.toString();
    }

    private static String printable(String packet) {
        String p = packet.length() > 40 ? packet.substring(0, 40) + "..." : packet;
        return p.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
