package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class PvmDefaultEnginesTest {
    private static final HostInfo PVM = new HostInfo("cpu", 2, "25", HostInfo.KVM_PVM);
    private static final HostInfo HARDWARE = new HostInfo("cpu", 2, "25", HostInfo.KVM_HARDWARE);

    private static BenchOptions apply(HostInfo host, String... args) throws Exception {
        PrintStream err = new PrintStream(new ByteArrayOutputStream());
        return BenchMain.leaveOutPvmByDefault(BenchOptions.parse(args), args, host, err);
    }

    @Test
    void pvmKvmEnginesAreLeftOutOfTheDefaultRun() throws Exception {
        assertEquals(List.of(EngineId.INTERP, EngineId.JIT, EngineId.QEMU_TCG), apply(PVM).engines());
    }

    @Test
    void namingThemOrHardwareKeepsThem() throws Exception {
        assertEquals(List.of(EngineId.KVM, EngineId.JIT), apply(PVM, "--engines", "kvm,jit").engines());
        assertEquals(List.of(EngineId.values()), apply(HARDWARE).engines());
        assertTrue(apply(PVM, "--baseline", "kvm").engines().contains(EngineId.KVM));
    }
}
