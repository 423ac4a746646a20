package dev.jvmm.kvm;

/** KVM answered, but not in a way jvmm can work with (API version, a refused MSR, a bad state). */
public final class KvmSetupException extends KvmException {
    public KvmSetupException(String message) {
        super(message);
    }
}
