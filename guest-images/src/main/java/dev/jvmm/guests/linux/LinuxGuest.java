package dev.jvmm.guests.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code linux} catalogue entry: Debian's stock kernel ({@value #KERNEL_PACKAGE}) booted with an
 * initramfs of Debian's {@value #BUSYBOX_PACKAGE} and jvmm's own {@code /init}. Nothing of it is in the
 * repository: the packages are fetched with the host's {@code apt-get download} into a cache
 * ({@link #defaultCache()}), checked against apt's index and read from there; the initramfs is built in
 * Java each time ({@link Initramfs}).
 */
public final class LinuxGuest {
    public static final String NAME = "linux";
    public static final String KERNEL_PACKAGE = "linux-image-amd64", BUSYBOX_PACKAGE = "busybox-static";
    /**
     * The kernel command line: the console on COM1, a panic ends the run (reboot at once, which jvmm reports)
     * instead of leaving a guest that never finishes.
     */
    public static final String COMMAND_LINE = "console=ttyS0 panic=-1";
    /**
     * The TSC rate of jvmm's software CPU in kHz: its TSC counts machine-clock nanoseconds ({@code Cpu.tsc} in the
     * translator module). Linux cannot learn it from an AMD CPUID, so it calibrates the TSC against the PIT
     * (arch/x86/kernel/tsc.c, pit_calibrate_tsc) and gets it wrong whenever the host deschedules jvmm between
     * starting PIT channel 2 and the first RDTSC (on a busy host a fraction of the real rate, guest time running
     * several times fast, soft-lockup warnings). {@code tsc_early_khz} tells it the rate; the kernel still refines
     * it against the ACPI PM timer.
     */
    public static final long SOFTWARE_TSC_KHZ = 1_000_000;

    /** Added to {@link #COMMAND_LINE} to make /init print its checks and power off. */
    public static final String CHECK_WORD = "jvmm.check";
    public static final String INIT_RESOURCE = "/dev/jvmm/initramfs/init";

    /** The kernel file, its release (as {@code uname -r} prints it) and the gzip'd initramfs. */
    public record Prepared(Path kernel, String release, String packageVersion, byte[] initramfs) {}

    private LinuxGuest() {}

    /**
     * The catalogue entry's command line: {@link #COMMAND_LINE}, the TSC rate when a software CPU runs the kernel
     * (under /dev/kvm the TSC is the host's), then {@code append} if not blank.
     */
    public static String commandLine(String append, boolean softwareCpu) {
        String line = COMMAND_LINE + (softwareCpu ? " tsc_early_khz=" + SOFTWARE_TSC_KHZ : "");
        return append == null || append.isBlank() ? line : line + " " + append.strip();
    }

    /** {@code $JVMM_CACHE}, else {@code $XDG_CACHE_HOME/jvmm}, else {@code ~/.cache/jvmm}. */
    public static Path defaultCache() {
        String own = System.getenv("JVMM_CACHE");
        if (own != null && !own.isBlank()) return Path.of(own);
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "jvmm");
        return Path.of(System.getProperty("user.home"), ".cache", "jvmm");
    }

    /** Fetches (or finds in {@code cache}) the kernel and busybox, and builds the initramfs. */
    public static Prepared prepare(Path cache, Consumer<String> log) throws FetchException {
        Path dir = cache.resolve("linux");
        DebianPackage.Fetched kernelPackage = DebianPackage.files(KERNEL_PACKAGE, "linux-image-", dir,
                name -> name.startsWith("boot/vmlinuz-"), log);
        Map.Entry<String, byte[]> vmlinuz = kernelPackage.files().entrySet().stream().findFirst()
                .orElseThrow(() -> new FetchException(kernelPackage.name() + " holds no /boot/vmlinuz-*"));
        DebianPackage.Fetched busybox = DebianPackage.files(BUSYBOX_PACKAGE, null, dir, name -> name.equals("bin/busybox"), log);
        byte[] busyboxBinary = busybox.files().get("bin/busybox");
        if (busyboxBinary == null) throw new FetchException(BUSYBOX_PACKAGE + " holds no /bin/busybox");
        String release = vmlinuz.getKey().substring("boot/vmlinuz-".length());
        Path kernel = DebianPackage.unpackedFile(dir, kernelPackage, vmlinuz.getKey());
        return new Prepared(kernel, release, kernelPackage.version(), Initramfs.build(busyboxBinary, initScript()));
    }

    /**
     * jvmm's /init script, the class-path resource {@value #INIT_RESOURCE} (outside the guest images' directory,
     * which holds built images only).
     */
    public static byte[] initScript() {
        try (InputStream in = LinuxGuest.class.getResourceAsStream(INIT_RESOURCE)) {
            if (in == null) throw new IllegalStateException(INIT_RESOURCE + " is missing from the class path");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
