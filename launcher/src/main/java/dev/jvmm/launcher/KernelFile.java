package dev.jvmm.launcher;

import dev.jvmm.core.memory.GuestMemory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the {@code --kernel} (or {@code --initrd}) file into memory, refusing what cannot be one for this
 * guest with one line instead of a Java error: a file larger than guest RAM (a kernel must fit in it), an endless stream such as
 * {@code /dev/zero} (read until it passes that size), a directory or an empty name. A FIFO or another
 * non-regular file is read as a stream on a thread of its own, since opening a FIFO blocks until a writer
 * appears: the wait is announced after {@link #PATIENCE_MILLIS} and ends with status 124 at {@code --timeout}.
 */
final class KernelFile {
    /** How long a read may block before jvmm says what it is waiting for. */
    static final long PATIENCE_MILLIS = 2000;
    /** A kernel image is held in one Java array while it is loaded: more than this is surely not a kernel. */
    static final long LARGEST_IMAGE = 1L << 30;

    /** The read took longer than {@code --timeout}: status 124, like a guest that overran it. */
    static final class TimedOut extends Exception {
        TimedOut(String message) {
            super(message, null, false, false);
        }
    }

    private KernelFile() {}

    /**
     * The bytes of {@code name} (the {@code what}, "kernel" or "initrd", for messages), at most
     * {@code maxBytes} of them (more is an error); waits at most
     * {@code timeoutSeconds} (null: as long as it takes) for a file that is not a regular one.
     */
    static byte[] read(String what, String name, long maxBytes, Double timeoutSeconds, PrintWriter err) throws UsageException, TimedOut {
        if (name.isBlank()) throw new UsageException("--" + what + " needs a file name");
        Path path = Path.of(name);
        if (Files.isDirectory(path)) throw new UsageException("cannot read " + what + " " + name + ": it is a directory");
        if (Files.isRegularFile(path)) {
            long size;
            try {
                size = Files.size(path);
            } catch (IOException e) {
                throw cannotRead(what, name, e);
            }
            if (size > maxBytes || size > LARGEST_IMAGE) throw tooLarge(what, name, GuestMemory.describeSize(size), maxBytes);
            return readStream(what, path, name, maxBytes);
        }
        if (!Files.exists(path)) throw new UsageException("cannot read " + what + " " + name + ": no such file");
        CompletableFuture<byte[]> reading = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("jvmm-kernel-reader").start(() -> { // open(2) of a FIFO blocks
            try {
                reading.complete(readStream(what, path, name, maxBytes));
            } catch (UsageException | RuntimeException | OutOfMemoryError e) {
                reading.completeExceptionally(e);
            }
        });
        long deadline = timeoutSeconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (timeoutSeconds * 1e9);
        try {
            try {
                return reading.get(Math.min(PATIENCE_MILLIS, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWaiting) {
                err.println("jvmm: waiting for " + name + " to be written (not a regular file: a FIFO with no writer yet?)");
                err.flush();
            }
            return timeoutSeconds == null ? reading.get() : reading.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimedOut("timeout after " + timeoutSeconds + " s waiting to read " + what + " " + name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while reading " + what + " " + name);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UsageException u) throw u;
            throw new UsageException("cannot read " + what + " " + name + ": " + e.getCause());
        }
    }

    private static long remainingMillis(long deadline) {
        return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
    }

    /** Reads until end of file, or fails once more than {@code maxBytes} arrived. */
    private static byte[] readStream(String what, Path path, String name, long maxBytes) throws UsageException {
        int limit = (int) Math.min(maxBytes, LARGEST_IMAGE);
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(limit);
            if (in.read() >= 0) {
                throw new UsageException(what + " " + name + " goes on past " + GuestMemory.describeSize(limit)
                        + (limit < LARGEST_IMAGE ? ", the guest's RAM: it must fit in it (-m sets the size)"
                        : ": jvmm loads files of up to " + GuestMemory.describeSize(LARGEST_IMAGE)));
            }
            return bytes;
        } catch (IOException e) {
            throw cannotRead(what, name, e);
        } catch (OutOfMemoryError e) {
            throw new UsageException("cannot read " + what + " " + name + ": not enough Java heap for it"
                    + " (JVMM_JAVA_OPTS=-Xmx... gives the JVM more)");
        }
    }

    private static UsageException tooLarge(String what, String name, String size, long maxBytes) {
        if (maxBytes > LARGEST_IMAGE) {
            return new UsageException(what + " " + name + " is " + size + ": jvmm loads files of up to "
                    + GuestMemory.describeSize(LARGEST_IMAGE));
        }
        return new UsageException(what + " " + name + " is " + size + ", more than the guest's " + GuestMemory.describeSize(maxBytes)
                + " of RAM: it must fit in it (-m sets the size)");
    }

    private static UsageException cannotRead(String what, String name, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
        return new UsageException("cannot read " + what + " " + name + ": " + why);
    }
}
