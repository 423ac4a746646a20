package dev.jvmm.bench;

import dev.jvmm.guests.BootFormat;
import dev.jvmm.guests.Guest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one guest run on one engine. Every run writes COM1 to {@code serialFile} so the
 * output of jvmm and QEMU is checked the same way.
 *
 * @param repo   the jvmm checkout
 * @param java   the {@code java} binary that starts jvmm in {@link LaunchMode#JAVA}
 * @param launch how jvmm engines are started
 * @param qemu   the {@code qemu-system-x86_64} binary
 */
public record RunCommands(Path repo, Path java, LaunchMode launch, String qemu) {
    /**
     * The JVM flags {@code ./jvmm} starts the launcher with (its {@code java_opts}); a test checks the
     * script still says the same, so a {@link LaunchMode#JAVA} run times the JVM a user gets.
     */
    public static final List<String> LAUNCHER_JVM_FLAGS = List.of("--enable-native-access=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xss8m");
    /** The launcher jar and its dependencies, relative to the repository, as {@code ./jvmm} names them. */
    public static final String LAUNCHER_JAR = "launcher/target/launcher.jar", LAUNCHER_LIB = "launcher/target/lib";
    /**
     * The JDK 25 AOT cache {@code ./jvmm build} trains (JEP 483/514: classes loaded and linked ahead of
     * time, about a third off start-up); used, with the script's flags, when it exists. It only applies
     * to the exact class path it was trained with, hence {@link #launcherClassPath()} spells it as the script does.
     */
    public static final String AOT_CACHE = "launcher/target/jvmm.aot";
    public static final List<String> AOT_FLAGS_AFTER_CACHE = List.of("-Xlog:aot=off", "-Xlog:cds=off");
    public static final String LAUNCHER_MAIN = "dev.jvmm.launcher.Main";
    /** HotSpot compiler directives {@code ./jvmm} gives the jit engine's JVM only (the file says why), relative to the repository. */
    public static final String JIT_DIRECTIVES = "launcher/jit-compiler-directives.json";
    /** QEMU's default RAM is 128 MiB, as is jvmm's; said explicitly so the two cannot drift apart. */
    public static final String GUEST_RAM = "128M";

    /** The jvmm launcher's class path inside {@code repo}: the launcher jar plus the copied dependency jars. */
    public String launcherClassPath() {
        return repo.resolve(LAUNCHER_JAR) + ":" + repo.resolve(LAUNCHER_LIB) + "/*";
    }

    /** The flags {@code ./jvmm} adds for the jit engine (its {@code jit_opts}): the directives file, and no VM output on stdout. */
    public List<String> jitJvmFlags() {
        return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + repo.resolve(JIT_DIRECTIVES), "-XX:-DisplayVMOutput");
    }

    /** {@code jvmm run NAME --engine E --serial file:F --stats}, through java or the script. */
    public List<String> jvmm(Guest guest, EngineId engine, Path serialFile) {
        return jvmm(guest, engine, serialFile, null);
    }

    /** {@code jvmm run NAME --engine E --serial file:F --stats --append COMMANDLINE} when {@code commandLine} is not null. */
    public List<String> jvmm(Guest guest, EngineId engine, Path serialFile, String commandLine) {
        if (!engine.isJvmm()) throw new IllegalArgumentException(engine.id() + " is not a jvmm engine");
        List<String> cmd = new ArrayList<>();
        if (launch == LaunchMode.JAVA) {
            cmd.add(java.toString());
            cmd.addAll(LAUNCHER_JVM_FLAGS);
            if (engine == EngineId.JIT) cmd.addAll(jitJvmFlags());
            Path aot = repo.resolve(AOT_CACHE);
            if (Files.isRegularFile(aot)) {
                cmd.add("-XX:AOTCache=" + aot);
                cmd.addAll(AOT_FLAGS_AFTER_CACHE);
            }
            cmd.add("-cp");
            cmd.add(launcherClassPath());
            cmd.add(LAUNCHER_MAIN);
        } else {
            cmd.add(repo.resolve("jvmm").toString());
        }
        cmd.addAll(List.of("run", guest.name(), "--engine", engine.id(), "--serial", "file:" + serialFile, "--stats"));
        if (commandLine != null) cmd.addAll(List.of("--append", commandLine));
        return cmd;
    }

    /**
     * True if QEMU can boot {@code guest} from the bench: a multiboot image with {@code -kernel}, an ELF64
     * one through the {@code elf64-boot} shim ({@link dev.jvmm.guests.GuestCatalog#elf64BootShim()}), not a
     * boot sector (that needs -drive).
     */
    public static boolean qemuCanBoot(Guest guest) {
        return guest.format() == BootFormat.MULTIBOOT || guest.format() == BootFormat.ELF64;
    }

    /** Where {@code guest-images}' build leaves the native (host program) builds of guests: {@code coremark-native}. */
    public static final String NATIVE_DIR = "guest-images/target/native";

    /** The host program built from {@code guest}'s source in the repository ({@link #NATIVE_DIR}), whether or not it exists. */
    public Path nativeProgram(Guest guest) {
        return repo.resolve(NATIVE_DIR).resolve(guest.name() + "-native");
    }

    /** The native program with the kernel command line as its one argument (how the C guests' host builds take it). */
    public List<String> nativeRun(Guest guest, String commandLine) {
        List<String> cmd = new ArrayList<>(List.of(nativeProgram(guest).toString()));
        if (commandLine != null) cmd.add(commandLine);
        return List.copyOf(cmd);
    }

    /**
     * {@code qemu-system-x86_64 -accel tcg|kvm ... -kernel IMAGE}. This is the brief's
     * {@code -nographic} run with its three parts spelled out: no display, COM1 to a file (not
     * stdio), no monitor.
     */
    public List<String> qemu(EngineId engine, Path image, Path serialFile) {
        return qemu(engine, image, serialFile, null);
    }

    /** The QEMU command with {@code -append COMMANDLINE} when {@code commandLine} is not null. */
    public List<String> qemu(EngineId engine, Path image, Path serialFile, String commandLine) {
        return qemu(engine, image, null, serialFile, commandLine);
    }

    /**
     * The QEMU command for an ELF64 guest: {@code -kernel SHIM -initrd IMAGE}, the elf64-boot shim booting
     * the image as jvmm's ELF64 loader does, with QEMU's multiboot command line in RDI.
     */
    public List<String> qemuElf64(EngineId engine, Path shim, Path image, Path serialFile, String commandLine) {
        return qemu(engine, shim, image, serialFile, commandLine);
    }

    private List<String> qemu(EngineId engine, Path kernel, Path module, Path serialFile, String commandLine) {
        String accel = switch (engine) {
            case QEMU_TCG -> "tcg";
            case QEMU_KVM -> "kvm";
            default -> throw new IllegalArgumentException(engine.id() + " is not a QEMU engine");
        };
        // TCG as -cpu max: the CPU model jvmm's speed targets are stated against (issue 15)
        List<String> cpu = engine == EngineId.QEMU_TCG ? List.of("-cpu", "max") : List.of();
        List<String> cmd = new ArrayList<>(List.of(qemu, "-accel", accel));
        cmd.addAll(cpu);
        cmd.addAll(List.of("-m", GUEST_RAM, "-display", "none", "-monitor", "none",
                "-serial", "file:" + serialFile, "-no-reboot",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-kernel", kernel.toString()));
        if (module != null) cmd.addAll(List.of("-initrd", module.toString()));
        if (commandLine != null) cmd.addAll(List.of("-append", commandLine));
        return List.copyOf(cmd);
    }
}
