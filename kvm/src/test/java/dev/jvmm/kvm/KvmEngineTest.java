package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KvmEngineTest {
    @Test
    void isCalledKvm() {
        assertEquals("kvm", new KvmEngine().name());
    }

    @Test
    void unavailableReasonIsNullExactlyWhenDevKvmOpens() {
        String reason = new KvmEngine().unavailableReason();
        System.out.println("kvm engine: " + (reason == null ? "available on " + KvmEngine.describeHost() : reason));
        if (!Files.exists(Path.of("/dev/kvm"))) {
            assertEquals("/dev/kvm is absent", reason);
        } else if (reason == null) {
            KvmSystem.open().close(); // must not throw when the engine says it is available
        } else {
            assertTrue(reason.contains("/dev/kvm") || reason.contains("KVM"), reason);
        }
    }

    @Test
    void aSyscallFailureNamesTheCallAndErrno() {
        KvmSyscallException e = new KvmSyscallException("KVM_CREATE_VM", 13);
        assertEquals("KVM_CREATE_VM failed: errno 13 (Permission denied)", e.getMessage());
        assertEquals("KVM_CREATE_VM", e.call());
        assertEquals(13, e.errno());
    }
}
