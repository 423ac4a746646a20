package dev.jvmm.kvm;

import dev.jvmm.core.engine.Engine;
import dev.jvmm.core.engine.Machine;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.Vcpu;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --engine kvm}: guests run on /dev/kvm, exits go to the same device models as the software CPU. */
public final class KvmEngine implements Engine {
    @Override
    public String name() {
        return "kvm";
    }

    /** Null if /dev/kvm opens and speaks API version 12, otherwise why not, in one line. */
    @Override
    public String unavailableReason() {
        if (!Files.exists(Path.of(KvmSystem.DEVICE))) return KvmSystem.DEVICE + " is absent";
        try (KvmSystem kvm = KvmSystem.open()) {
            return null;
        } catch (KvmException e) {
            return e.getMessage();
        } catch (IllegalCallerException e) {
            return "native access is disabled: run java with --enable-native-access=ALL-UNNAMED";
        }
    }

    /** Any number of vCPUs: one VM, one vCPU file descriptor each, the local APICs in user space ({@link KvmMachine}). */
    @Override
    public String smpUnavailableReason(int vcpus) {
        return null;
    }

    @Override
    public Machine createMachine(Platform platform) {
        return new KvmMachine(platform);
    }

    @Override
    public Vcpu createVcpu(Platform platform) {
        return KvmVcpu.create(platform);
    }

    /** What /dev/kvm is on this host, for --stats and benchmark labels: "PVM (software, ~1 us/instruction)". */
    public static String describeHost() {
        if (!Files.exists(Path.of(KvmSystem.DEVICE))) return KvmSystem.DEVICE + " is absent";
        return KvmHost.detect().description();
    }
}
