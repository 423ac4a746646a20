package dev.jvmm.bench.kvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JavaSideTest {
    @Test
    void readsExitsAndTimesFromVcpuStats() {
        String stats = """
                kvm host: PVM (software, ~1 us/instruction)
                kvm exits: 20003 (one per 25.00 us of busy time, 0.30 us of it in Java per exit)
                kvm time: 500.125 ms in KVM_RUN, 6.000 ms in Java, 0.000 ms idle in HLT
                kvm exit IO: 20002
                """;
        assertArrayEquals(new long[] {20003, 500_125_000L, 6_000_000L}, JavaSide.parseStats(stats));
    }

    @Test
    void acceptsADecimalComma() {
        assertArrayEquals(new long[] {3, 1_500_000L, 250_000L},
                JavaSide.parseStats("kvm exits: 3 (x)\nkvm time: 1,500 ms in KVM_RUN, 0,250 ms in Java, 0 ms idle"));
    }

    @Test
    void statsWithoutTheLinesAreAnError() {
        assertThrows(IllegalArgumentException.class, () -> JavaSide.parseStats("kvm host: x\n"));
    }
}
