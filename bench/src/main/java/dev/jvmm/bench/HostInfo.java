package dev.jvmm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine a comparison ran on, printed with every report: numbers from a 2-core cloud VM and from a
 * workstation are not comparable, and /dev/kvm may be real hardware virtualization or PVM.
 *
 * @param cpuModel  {@code model name} from /proc/cpuinfo
 * @param cores     processors the JVM sees
 * @param jdk       the JDK running the bench (and jvmm, which uses the same one)
 * @param kvmKind   what /dev/kvm is: {@link #KVM_PVM}, {@link #KVM_HARDWARE} or {@link #KVM_ABSENT}
 */
public record HostInfo(String cpuModel, int cores, String jdk, String kvmKind) {
    /** /dev/kvm provided by the PVM module on a CPU without VMX/SVM: guest code runs under software control. */
    public static final String KVM_PVM = "PVM (software)";
    public static final String KVM_HARDWARE = "hardware";
    public static final String KVM_ABSENT = "absent";

    private static final Pattern MODEL = Pattern.compile("(?m)^model name\\s*:\\s*(.+)$");
    private static final Pattern VIRT_FLAGS = Pattern.compile("(?m)^flags\\s*:.*\\b(vmx|svm)\\b");

    /** Reads /proc/cpuinfo, /sys/module and the running JVM. */
    public static HostInfo probe() {
        String cpuinfo = readOrEmpty(Path.of("/proc/cpuinfo"));
        boolean kvmPresent = Files.exists(Path.of("/dev/kvm"));
        boolean pvmLoaded = Files.exists(Path.of("/sys/module/kvm_pvm"));
        String jdk = System.getProperty("java.vm.name") + " " + Runtime.version();
        return new HostInfo(cpuModel(cpuinfo), Runtime.getRuntime().availableProcessors(), jdk,
                kvmKind(kvmPresent, pvmLoaded, cpuinfo));
    }

    /**
     * What /dev/kvm is. PVM ("Protected Virtual Machine", a kvm module that needs no VMX/SVM) is assumed
     * when its module is loaded and the CPU flags show no hardware virtualization; otherwise /dev/kvm is
     * taken to be ordinary hardware-assisted KVM.
     */
    public static String kvmKind(boolean kvmPresent, boolean pvmModuleLoaded, String cpuinfo) {
        if (!kvmPresent) return KVM_ABSENT;
        boolean hardwareVirt = VIRT_FLAGS.matcher(cpuinfo).find();
        return pvmModuleLoaded && !hardwareVirt ? KVM_PVM : KVM_HARDWARE;
    }

    /** The first {@code model name} in a /proc/cpuinfo text, or "unknown CPU". */
    public static String cpuModel(String cpuinfo) {
        Matcher m = MODEL.matcher(cpuinfo);
        return m.find() ? m.group(1).trim() : "unknown CPU";
    }

    /** One line for reports, e.g. {@code AMD EPYC, 2 cores, OpenJDK 64-Bit Server VM 25+36, /dev/kvm: hardware}. */
    public String describe() {
        return String.format("%s, %d cores, %s, /dev/kvm: %s", cpuModel, cores, jdk, kvmKind);
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
