package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.kvm.sys.KvmRegsLayout;
import dev.jvmm.kvm.sys.KvmSregsLayout;
import dev.jvmm.core.memory.GuestMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CpuState <-> kvm_regs/kvm_sregs without /dev/kvm: field placement and round trips in every mode. */
class CpuStateCodecTest {
    private static CpuState roundTrip(CpuState in) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment regs = arena.allocate(KvmRegsLayout.LAYOUT);
            MemorySegment sregs = arena.allocate(KvmSregsLayout.LAYOUT);
            CpuStateCodec.writeRegs(in, regs);
            CpuStateCodec.writeSregs(in, sregs);
            CpuState out = new CpuState();
            CpuStateCodec.readRegs(regs, out);
            CpuStateCodec.readSregs(sregs, out);
            return out;
        }
    }

    private static CpuState withDistinctRegisters(CpuState s) {
        for (int i = 0; i < 16; i++) s.gpr[i] = 0x1111_1111_1111_1111L * (i + 1);
        s.rflags = 0x246;
        s.cr2 = 0xDEAD_B000L;
        s.cr8 = 3;
        return s;
    }

    @Test
    void realModeAtResetRoundTrips() {
        CpuState s = withDistinctRegisters(CpuState.afterReset());
        assertEquals(List.of(), s.diff(roundTrip(s)));
    }

    @Test
    void realModeWithSegmentsRoundTrips() {
        CpuState s = withDistinctRegisters(CpuState.realMode(0x1234, 0x5678));
        assertEquals(List.of(), s.diff(roundTrip(s)));
    }

    @Test
    void protectedModeRoundTrips() {
        try (GuestMemory memory = GuestMemory.create(2 << 20)) {
            CpuState s = withDistinctRegisters(GuestSetup.protectedMode(memory, 0x10_0000));
            s.seg[CpuState.FS] = new SegmentState(0, 0, 0, SegmentState.UNUSABLE); // a null selector in PM
            s.seg[CpuState.GS] = new SegmentState(0x2B, 0x1000, 0xFFF, 0x40F3 | (1 << 12)); // DPL 3, AVL
            assertEquals(List.of(), s.diff(roundTrip(s)));
        }
    }

    @Test
    void longModeRoundTrips() {
        try (GuestMemory memory = GuestMemory.create(2 << 20)) {
            CpuState s = withDistinctRegisters(GuestSetup.longMode(memory, 0xFFFF_FFFF_8000_1000L));
            // FS/GS bases are 64-bit in long mode (what MSR_GS_BASE holds)
            s.seg[CpuState.GS] = new SegmentState(0, 0xFFFF_8880_0000_0000L, 0xFFFF_FFFF, 0xC093);
            s.idtBase = 0xFFFF_FFFF_FF57_B000L;
            s.idtLimit = 0xFFF;
            assertEquals(List.of(), s.diff(roundTrip(s)));
        }
    }

    @Test
    void registersLandInKvmRegsOrderNotEncodingOrder() {
        CpuState s = new CpuState();
        s.gpr[CpuState.RCX] = 0xC;
        s.gpr[CpuState.RBX] = 0xB;
        s.gpr[CpuState.RSP] = 0x5;
        s.rip = 0x1F;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment regs = arena.allocate(KvmRegsLayout.LAYOUT);
            CpuStateCodec.writeRegs(s, regs);
            assertEquals(0xB, regs.get(ValueLayout.JAVA_LONG, 8), "kvm_regs: rax, rbx, rcx ...");
            assertEquals(0xC, regs.get(ValueLayout.JAVA_LONG, 16));
            assertEquals(0x5, regs.get(ValueLayout.JAVA_LONG, 48));
            assertEquals(0x1F, regs.get(ValueLayout.JAVA_LONG, 128));
        }
    }

    @Test
    void segmentAttributesUnpackIntoOneByteFields() {
        // 64-bit code, DPL 3: type 0xB, S, DPL 3, P, L, G = 0xA0FB
        SegmentState cs = new SegmentState(0x33, 0, 0xFFFF_FFFF, 0xA0FB);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(KvmSregsLayout.SEGMENT);
            CpuStateCodec.writeSegment(cs, seg);
            byte[] fields = seg.asSlice(KvmSregsLayout.SEG_TYPE, 9).toArray(ValueLayout.JAVA_BYTE);
            // type present dpl db s l g avl unusable
            assertEquals(List.of(0xB, 1, 3, 0, 1, 1, 1, 0, 0), toList(fields));
            assertEquals(0x33, seg.get(ValueLayout.JAVA_SHORT, KvmSregsLayout.SEG_SELECTOR));
            assertEquals(cs, CpuStateCodec.readSegment(seg));
        }
    }

    private static List<Integer> toList(byte[] bytes) {
        Integer[] out = new Integer[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = bytes[i] & 0xFF;
        return List.of(out);
    }
}
