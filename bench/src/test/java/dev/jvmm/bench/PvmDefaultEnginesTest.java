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
        assertEquals(List.of(EngineId.INTERP, EngineId.JIT, EngineId.QEMU_TCG, EngineId.NATIVE), apply(PVM).engines());
    }

    @Test
    void namingThemOrHardwareKeepsThem() throws Exception {
        assertEquals(List.of(EngineId.KVM, EngineId.JIT), apply(PVM, "--engines", "kvm,jit").engines());
        assertEquals(List.of(EngineId.values()), apply(HARDWARE).engines());
        assertTrue(apply(PVM, "--baseline", "kvm").engines().contains(EngineId.KVM));
    }

    @Test
    void enginesNamedInlineAreKeptToo() throws Exception {
        assertEquals(List.of(EngineId.KVM), apply(PVM, "--engines=kvm").engines());
    }

    @Test
    void leftOutEnginesSayWhy() throws Exception {
        String[] args = {"--engines", "jit,qemu-tcg"};
        BenchOptions asked = BenchOptions.parse(args);
        var leftOut = BenchMain.leftOut(asked, BenchMain.leaveOutPvmByDefault(asked, args, PVM, new PrintStream(new ByteArrayOutputStream())));
        assertEquals(List.of(EngineId.INTERP, EngineId.KVM, EngineId.QEMU_KVM, EngineId.NATIVE), List.copyOf(leftOut.keySet()));
        assertEquals("left out: not in --engines jit,qemu-tcg", leftOut.get(EngineId.INTERP));

        BenchOptions all = BenchOptions.parse();
        var byDefault = BenchMain.leftOut(all, apply(PVM));
        assertEquals(List.of(EngineId.KVM, EngineId.QEMU_KVM), List.copyOf(byDefault.keySet()));
        assertTrue(byDefault.get(EngineId.KVM).startsWith("left out by default: /dev/kvm here is PVM"), byDefault.toString());
    }
}
