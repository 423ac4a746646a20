package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.CpuException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Protected-mode segment checks (SDM vol. 3 §5.3-5.6): each case runs a few instructions at CPL 0
 * in a flat 32-bit code segment and expects a given exception vector and error code (or none).
 * The last case pushes onto a stack whose limit is exceeded: the #SS cannot be delivered on that
 * same stack, so it becomes #DF (and then a triple fault).
 */
class SegmentCheckTest {
    private static final long GDT = 0x1000, IDT = 0x2000, CODE = 0x10000, HALT = 0x9000;
    private final GuestMemory mem = GuestMemory.create(4L << 20);

    @AfterEach
    void close() {
        mem.close();
    }

    private static long descriptor(long base, long limit, int access, int flags) {
        return (limit & 0xFFFF) | ((base & 0xFF_FFFF) << 16) | ((long) access << 40) | (((limit >>> 16) & 0xF) << 48)
                | ((long) flags << 52) | (((base >>> 24) & 0xFF) << 56);
    }

    /**
     * Runs {@code hex} with EAX = {@code eax}; returns "vector/error" of the first exception, or
     * "none" if the code reached its final HLT without one.
     */
    private String run(String hex, int eax) {
        mem.write64(GDT + 0x08, descriptor(0, 0xFFFFF, 0x9A, 0xC));  // code, flat
        mem.write64(GDT + 0x10, descriptor(0, 0xFFFFF, 0x92, 0xC));  // data, flat
        mem.write64(GDT + 0x18, descriptor(0, 0xFFFF, 0x12, 0x4));   // data, not present
        mem.write64(GDT + 0x20, descriptor(0, 0xFFFF, 0xF2, 0x4));   // data, DPL 3
        mem.write64(GDT + 0x28, descriptor(0, 0xFFFF, 0x98, 0x4));   // code, execute-only
        mem.write64(GDT + 0x30, descriptor(0, 0xFFFF, 0x90, 0x4));   // data, read-only
        mem.write64(GDT + 0x38, descriptor(0x20000, 0x0FFF, 0x96, 0x4)); // data, expand-down, limit 0xFFF, B=1
        mem.write64(GDT + 0x40, descriptor(0x20000, 0x1FFF, 0x92, 0x4)); // data, 8 KiB
        for (int v = 0; v < 32; v++) {
            mem.write64(IDT + v * 8L, (HALT & 0xFFFF) | (0x08L << 16) | (0x8EL << 40) | ((HALT >>> 16) << 48));
        }
        mem.write8(HALT, 0xF4);
        byte[] code = java.util.HexFormat.of().parseHex(hex + "f4");
        mem.writeBytes(CODE, code, 0, code.length);
        CpuState s = new CpuState();
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET;
        s.seg[CpuState.CS] = SegmentState.fromDescriptor(0x08, mem.read64(GDT + 0x08));
        SegmentState data = SegmentState.fromDescriptor(0x10, mem.read64(GDT + 0x10));
        for (int seg : new int[] {CpuState.ES, CpuState.SS, CpuState.DS, CpuState.FS, CpuState.GS}) s.seg[seg] = data;
        s.gdtBase = GDT;
        s.gdtLimit = 0x47;
        s.idtBase = IDT;
        s.idtLimit = 0xFF;
        s.rip = CODE;
        s.gpr[CpuState.RSP] = 0x8000;
        s.gpr[CpuState.RAX] = eax;
        Cpu cpu = new Cpu(mem);
        cpu.setState(s);
        Interpreter in = new Interpreter(cpu, new PortBus());
        for (int n = 0; n < 20 && !cpu.halted; n++) in.step();
        int v = in.lastVector();
        if (v < 0) return "none";
        long sp = cpu.gpr[CpuState.RSP] & 0xFFFF_FFFFL;
        int err = CpuException.pushesErrorCode(v) ? (int) cpu.sysRead(cpu.segBase[Cpu.SS] + sp, 4) : -1;
        return v + "/" + Integer.toHexString(err);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "mov ds beyond the GDT limit,            8ed8,           0x0080, 13/80",
        "mov ds not present,                     8ed8,           0x0018, 11/18",
        "mov ds DPL 3 from CPL 0,                8ed8,           0x0020, none",
        "mov ss DPL 3 from CPL 0,                8ed0,           0x0023, 13/20",
        "mov ss RPL 3 (DPL 0),                   8ed0,           0x0013, 13/10",
        "mov ss not present,                     8ed0,           0x0018, 12/18",
        "mov ss read-only,                       8ed0,           0x0030, 13/30",
        "mov ss null,                            8ed0,           0x0000, 13/0",
        "mov ds execute-only code,               8ed8,           0x0028, 13/28",
        "mov ds readable data via LDT (no LDT),  8ed8,           0x0014, 13/14",
        "mov ds null then read,                  8ed88b0500000000, 0x0000, 13/0",
        "write through read-only data,           8ed8c60500000000ff, 0x0030, 13/0",
        "read through read-only data,            8ed88a0500000000, 0x0030, none",
        "expand-down: offset above limit ok,     8ed88a0500100000, 0x0038, none",
        "expand-down: offset at limit faults,    8ed88a05ff0f0000, 0x0038, 13/0",
        "limit: last byte ok,                    8ed88a05ff1f0000, 0x0040, none",
        "limit: word straddling the limit,       8ed8668b05ff1f0000, 0x0040, 13/0",
        "ss limit: read beyond it is #SS(0),     8ed0bc001000008b842400100000, 0x0040, 12/0",
        "ss limit: push faults on a broken stack, 8ed0bc0000000050, 0x0040, 8/0",
        "#GP through an absent gate: #DF,         80256d2000007f8ed8, 0x0080, 8/0",
        "#UD through an absent gate: #NP with EXT, 8025352000007f0f0b, 0x0000, 11/33",
    })
    void check(String what, String hex, String eax, String expected) {
        assertEquals(expected, run(hex, Integer.decode(eax)), what);
    }
}
