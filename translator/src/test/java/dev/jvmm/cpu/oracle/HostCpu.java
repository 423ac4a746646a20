package dev.jvmm.cpu.oracle;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * This machine's CPU as an oracle: a child process ({@code host-cpu-runner.c}, compiled with gcc
 * into {@code target/host-oracle/} on first use) that runs each case natively in 64-bit user mode
 * and reports the state after it, or at the instruction that faulted (the signal's trap number is
 * the x86 vector). Cases go to its stdin and results come back on its stdout in batches, so a
 * hundred thousand short sequences take a few seconds.
 *
 * <pre>{@code
 * if (HostCpu.unavailableReason() == null) try (HostCpu host = HostCpu.start()) {
 *     List<Outcome> after = host.run(cases);
 * }
 * }</pre>
 */
public final class HostCpu implements AutoCloseable {
    private static final int FLUSH = -1;
    private static String buildProblem;
    private static Path binary;

    private final Process process;
    private final OutputStream toRunner;
    private final DataInputStream fromRunner;

    private HostCpu(Process process) {
        this.process = process;
        this.toRunner = new BufferedOutputStream(process.getOutputStream(), 1 << 20);
        this.fromRunner = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 20));
    }

    /** Null when the runner can be built and run here (x86-64 Linux with gcc), else why not. */
    public static synchronized String unavailableReason() {
        if (binary == null && buildProblem == null) build();
        return buildProblem;
    }

    /** Starts a runner process (building it first if needed). */
    public static HostCpu start() throws IOException {
        String why = unavailableReason();
        if (why != null) throw new IOException("host oracle unavailable: " + why);
        Process p = new ProcessBuilder(binary.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new HostCpu(p);
    }

    private static void build() {
        String arch = System.getProperty("os.arch"), os = System.getProperty("os.name");
        if (!("amd64".equals(arch) || "x86_64".equals(arch)) || !os.toLowerCase().contains("linux")) {
            buildProblem = "the host oracle needs x86-64 Linux, this is " + os + " on " + arch;
            return;
        }
        try {
            Path source = Path.of(HostCpu.class.getResource("host-cpu-runner.c").toURI());
            Path dir = source.getParent();
            while (dir != null && !dir.getFileName().toString().equals("test-classes")) dir = dir.getParent();
            Path out = (dir != null ? dir.getParent() : Files.createTempDirectory("jvmm-oracle")).resolve("host-oracle");
            Files.createDirectories(out);
            Path exe = out.resolve("host-cpu-runner");
            if (!Files.exists(exe) || Files.getLastModifiedTime(exe).compareTo(Files.getLastModifiedTime(source)) < 0) {
                Process gcc = new ProcessBuilder("gcc", "-O2", "-std=gnu11", "-Wall", "-Wextra", "-o", exe.toString(), source.toString())
                        .redirectErrorStream(true).start();
                String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                    buildProblem = "gcc could not build host-cpu-runner.c: " + log;
                    return;
                }
            }
            binary = exe;
        } catch (IOException e) {
            buildProblem = "gcc not runnable (install it with .ci/install-tools): " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            buildProblem = "interrupted while building the runner";
        } catch (URISyntaxException | IllegalArgumentException | NullPointerException e) {
            buildProblem = "host-cpu-runner.c is not a file on the test class path: " + e;
        }
    }

    /** Runs every case natively; the outcomes are in the same order. */
    public List<Outcome> run(List<HostCase> cases) throws IOException {
        IOException[] writeFailure = new IOException[1];
        Thread writer = Thread.ofPlatform().daemon().name("host-oracle-writer").start(() -> {
            try {
                ByteBuffer buf = ByteBuffer.allocate(8 + 4096 + MachineState.IMAGE_SIZE + 136 + 4096).order(ByteOrder.LITTLE_ENDIAN);
                for (HostCase c : cases) {
                    MachineState s = c.start();
                    buf.clear();
                    buf.putInt(c.code().length).putInt(s.data.length).put(c.code()).put(s.fx);
                    for (long g : s.gpr) buf.putLong(g);
                    buf.putLong(s.rflags).put(s.data);
                    toRunner.write(buf.array(), 0, buf.position());
                }
                buf.clear();
                buf.putInt(FLUSH).putInt(0);
                toRunner.write(buf.array(), 0, 8);
                toRunner.flush();
            } catch (IOException e) {
                writeFailure[0] = e;
            }
        });
        List<Outcome> out = new ArrayList<>(cases.size());
        byte[] fixed = new byte[16 + MachineState.IMAGE_SIZE + 136];
        try {
            for (HostCase c : cases) {
                fromRunner.readFully(fixed);
                ByteBuffer b = ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN);
                int vector = b.getInt(), error = b.getInt();
                long rip = b.getLong();
                MachineState s = new MachineState();
                b.get(s.fx);
                for (int r = 0; r < 16; r++) s.gpr[r] = b.getLong();
                s.rflags = b.getLong();
                s.data = new byte[c.start().data.length];
                fromRunner.readFully(s.data);
                boolean errorCode = vector >= 0 && vector < 32 && ((1 << vector) & 0x27D00) != 0; // 8, 10-14, 17
                out.add(new Outcome(vector, errorCode ? error : -1, rip, s, null));
            }
        } catch (IOException e) {
            throw new IOException("host-cpu-runner stopped" + (process.isAlive() ? "" : " (exit status " + process.exitValue() + ")")
                    + " after " + out.size() + " of " + cases.size() + " cases", e);
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writeFailure[0] != null) throw writeFailure[0];
        return out;
    }

    @Override
    public void close() {
        try {
            toRunner.close();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the runner already exited
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroyForcibly();
        }
    }
}
