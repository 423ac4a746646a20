package dev.jvmm.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An execution engine the comparison can run a guest on: three of jvmm's, two of QEMU's, and the host itself. */
public enum EngineId {
    /** jvmm's reference interpreter, {@code jvmm run --engine interp}. */
    INTERP("interp", "jvmm interp"),
    /** jvmm's interpreter + bytecode translator, {@code jvmm run --engine jit}. */
    JIT("jit", "jvmm jit"),
    /** jvmm driving /dev/kvm through FFM, {@code jvmm run --engine kvm}. */
    KVM("kvm", "jvmm kvm"),
    /** QEMU's dynamic translator, {@code qemu-system-x86_64 -accel tcg}. */
    QEMU_TCG("qemu-tcg", "QEMU tcg"),
    /** QEMU on /dev/kvm, {@code qemu-system-x86_64 -accel kvm}. */
    QEMU_KVM("qemu-kvm", "QEMU kvm"),
    /** The guest's C built as a program for the host and run there (only guests built that way: coremark). */
    NATIVE("native", "native (host)");

    private final String id;
    private final String label;

    EngineId(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name used on the command line, e.g. {@code qemu-tcg}. */
    public String id() {
        return id;
    }

    /** The name shown in tables and charts, e.g. {@code QEMU tcg}. */
    public String label() {
        return label;
    }

    /** True for the engines started through jvmm's launcher (as opposed to QEMU). */
    public boolean isJvmm() {
        return this == INTERP || this == JIT || this == KVM;
    }

    /** True for QEMU's engines. */
    public boolean isQemu() {
        return this == QEMU_TCG || this == QEMU_KVM;
    }

    /** True for the engines that need /dev/kvm. */
    public boolean usesKvm() {
        return this == KVM || this == QEMU_KVM;
    }

    /** The engine called {@code id}; an unknown name fails with a message listing the known ones. */
    public static EngineId byId(String id) {
        for (EngineId e : values()) {
            if (e.id.equals(id)) return e;
        }
        throw new IllegalArgumentException("unknown engine '" + id + "'; known engines: " + allIds());
    }

    /** The known engine names, comma-separated. */
    public static String allIds() {
        return Arrays.stream(values()).map(EngineId::id).collect(Collectors.joining(", "));
    }
}
