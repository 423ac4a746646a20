package dev.jvmm.kvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What kind of /dev/kvm this host has. Hardware KVM (Intel VMX, AMD SVM) runs guest instructions
 * natively and exits only on I/O; PVM (the {@code kvm_pvm} module, used where the host itself is a
 * VM without nested virtualization) emulates every guest instruction in the host kernel: it works,
 * but at roughly a microsecond per instruction, so timings must be labelled with it.
 */
public enum KvmHost {
    HARDWARE_VMX("hardware (VMX)"),
    HARDWARE_SVM("hardware (SVM)"),
    PVM("PVM (software, ~1 us/instruction)"),
    UNKNOWN("unknown (/dev/kvm present, no vmx/svm flag, no kvm_pvm module)");

    private static final Pattern VMX = Pattern.compile("^flags\\s*:.*\\bvmx\\b", Pattern.MULTILINE);
    private static final Pattern SVM = Pattern.compile("^flags\\s*:.*\\bsvm\\b", Pattern.MULTILINE);

    private final String description;

    KvmHost(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Looks at /proc/cpuinfo and /sys/module; never throws. */
    public static KvmHost detect() {
        return classify(read(Path.of("/proc/cpuinfo")), Files.isDirectory(Path.of("/sys/module/kvm_pvm")));
    }

    /** The decision itself, apart from the files it reads. */
    static KvmHost classify(String cpuinfo, boolean pvmModuleLoaded) {
        boolean vmx = VMX.matcher(cpuinfo).find(), svm = SVM.matcher(cpuinfo).find();
        if (pvmModuleLoaded && !vmx && !svm) return PVM;
        if (vmx) return HARDWARE_VMX;
        if (svm) return HARDWARE_SVM;
        return pvmModuleLoaded ? PVM : UNKNOWN;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
