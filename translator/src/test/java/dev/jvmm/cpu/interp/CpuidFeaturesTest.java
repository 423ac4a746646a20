package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.decode.Feature;
import dev.jvmm.cpu.decode.Form;
import dev.jvmm.cpu.decode.OpcodeTable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CPUID reports exactly what the opcode table implements (issue 15): every feature an opcode row
 * belongs to has its CPUID bit set, and the ISA extensions jvmm has no rows for (whose encodings are
 * #UD here, or run as the older instruction they extend, as on a CPU without them) have theirs clear.
 */
class CpuidFeaturesTest {
    private final GuestMemory mem = GuestMemory.create(GuestMemory.MIN_RAM);
    private final Cpu cpu = new Cpu(mem);

    @AfterEach
    void close() {
        mem.close();
    }

    /** CPUID's output register {@code reg} for {@code leaf}, sub-leaf 0. */
    private long cpuid(int leaf, Feature.Reg reg) {
        cpu.gpr[0] = leaf & 0xFFFF_FFFFL;
        cpu.gpr[1] = 0;
        Cpuid.execute(cpu);
        return reg == Feature.Reg.ECX ? cpu.gpr[1] : cpu.gpr[2];
    }

    @Test
    void everyFeatureOfAnOpcodeRowIsReported() {
        Set<Feature> used = EnumSet.noneOf(Feature.class);
        for (int op = 0; op < 0x400; op++) for (Form f : OpcodeTable.forms(op)) used.add(f.feature);
        used.remove(Feature.BASE);
        assertTrue(used.containsAll(EnumSet.of(Feature.SSE, Feature.SSE2, Feature.SSSE3, Feature.SSE4_1, Feature.SSE4_2,
                Feature.POPCNT, Feature.XSAVE)), "the SIMD rows carry their features: " + used);
        List<String> missing = new ArrayList<>();
        for (Feature f : used) {
            if ((cpuid(f.leaf, f.register) >>> f.bit & 1) == 0) missing.add(f.name());
        }
        assertEquals(List.of(), missing, "features with opcode rows that CPUID does not report");
    }

    /** An extension jvmm does not implement: where CPUID would report it. */
    private record Absent(String name, int leaf, boolean ebx, Feature.Reg reg, int bit) {}

    @Test
    void noUnimplementedExtensionIsReported() {
        List<Absent> absent = List.of(
                new Absent("PCLMULQDQ", 1, false, Feature.Reg.ECX, 1),
                new Absent("MONITOR/MWAIT", 1, false, Feature.Reg.ECX, 3),
                new Absent("FMA", 1, false, Feature.Reg.ECX, 12),
                new Absent("MOVBE", 1, false, Feature.Reg.ECX, 22),
                new Absent("AES-NI", 1, false, Feature.Reg.ECX, 25),
                new Absent("AVX", 1, false, Feature.Reg.ECX, 28),
                new Absent("F16C", 1, false, Feature.Reg.ECX, 29),
                new Absent("RDRAND", 1, false, Feature.Reg.ECX, 30),
                new Absent("BMI1", 7, true, null, 3),
                new Absent("AVX2", 7, true, null, 5),
                new Absent("BMI2", 7, true, null, 8),
                new Absent("AVX-512F", 7, true, null, 16),
                new Absent("RDSEED", 7, true, null, 18),
                new Absent("ADX", 7, true, null, 19),
                new Absent("SHA", 7, true, null, 29),
                new Absent("ABM/LZCNT", 0x8000_0001, false, Feature.Reg.ECX, 5),
                new Absent("SSE4a", 0x8000_0001, false, Feature.Reg.ECX, 6),
                new Absent("XOP", 0x8000_0001, false, Feature.Reg.ECX, 11),
                new Absent("FMA4", 0x8000_0001, false, Feature.Reg.ECX, 16),
                new Absent("3DNow!", 0x8000_0001, false, Feature.Reg.EDX, 31),
                new Absent("3DNow! extensions", 0x8000_0001, false, Feature.Reg.EDX, 30),
                new Absent("MMX extensions (AMD)", 0x8000_0001, false, Feature.Reg.EDX, 22));
        List<String> reported = new ArrayList<>();
        for (Absent a : absent) {
            long value;
            if (a.ebx()) {
                cpuid(a.leaf(), Feature.Reg.ECX);
                value = cpu.gpr[3];
            } else {
                value = cpuid(a.leaf(), a.reg());
            }
            if ((value >>> a.bit() & 1) != 0) reported.add(a.name());
        }
        assertEquals(List.of(), reported, "CPUID reports extensions jvmm does not implement");
        cpuid(0xD, Feature.Reg.ECX);
        assertEquals(3, cpu.gpr[0], "XCR0 may enable x87 and SSE only (no AVX state)");
    }
}
