package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The single-step trap of SYSCALL and SYSRET follows TF as the instruction leaves it: SYSCALL with TF
 * masked by SFMASK does not trap, SYSRET loading TF from R11 does (kvm-unit-tests x86/syscall.c,
 * "syscall TF handling"). Other instructions trap on TF as they found it.
 */
class SyscallSingleStepTest {
    private static final long CODE = 0x100000, TARGET = 0x100800, IDT = 0x3000, HALT = 0x9000;
    private static final long TF = 1 << 8, DR6_BS = 1 << 14;
    private final GuestMemory mem = GuestMemory.create(4L << 20);
    private Cpu cpu;

    @AfterEach
    void close() {
        mem.close();
    }

    /** Runs one instruction in 64-bit mode at CPL 0 with {@code rflags}; returns DR6.BS afterwards. */
    private boolean singleStepTrapAfter(String hex, long rflags, long r11) {
        mem.write64(0x10000, 0x11000 | 3);
        mem.write64(0x11000, 0x12000 | 3);
        mem.write64(0x12000, 0x83);
        mem.write64(0x12008, 0x200000 | 0x83);
        for (int v = 0; v < 32; v++) {
            mem.write64(IDT + v * 16L, (HALT & 0xFFFF) | (0x08L << 16) | (0x8EL << 40) | ((HALT >>> 16) << 48));
            mem.write64(IDT + v * 16L + 8, 0);
        }
        mem.write64(0x1008, 0x00af9a000000ffffL);
        mem.write8(HALT, 0xF4);
        mem.write8(TARGET, 0xF4);
        byte[] code = HexFormat.of().parseHex(hex);
        mem.writeBytes(CODE, code, 0, code.length);
        CpuState s = new CpuState();
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET | ControlBits.CR0_PG;
        s.cr4 = ControlBits.CR4_PAE;
        s.cr3 = 0x10000;
        s.efer = Msr.EFER_LME | Msr.EFER_LMA | Msr.EFER_SCE;
        s.seg[CpuState.CS] = SegmentState.fromDescriptor(0x08, 0x00af9b000000ffffL);
        SegmentState data = SegmentState.fromDescriptor(0x10, 0x00cf93000000ffffL);
        for (int seg : new int[] {CpuState.ES, CpuState.SS, CpuState.DS, CpuState.FS, CpuState.GS}) s.seg[seg] = data;
        s.gdtBase = 0x1000;
        s.gdtLimit = 0xF;
        s.idtBase = IDT;
        s.idtLimit = 0x1FF;
        s.rip = CODE;
        s.rflags = rflags | 2;
        s.gpr[CpuState.RSP] = 0x8000;
        s.gpr[CpuState.RCX] = TARGET; // SYSRET's return address
        s.gpr[11] = r11;
        s.msrs.put(Msr.STAR, (0x08L << 32) | (0x08L << 48));
        s.msrs.put(Msr.LSTAR, TARGET);
        s.msrs.put(Msr.SFMASK, TF);
        cpu = new Cpu(mem);
        cpu.setState(s);
        new Interpreter(cpu, new PortBus()).step();
        return (cpu.dr[6] & DR6_BS) != 0;
    }

    @Test
    void anOrdinaryInstructionTrapsOnTheTfItStartedWith() {
        assertEquals(true, singleStepTrapAfter("90", TF, 0), "NOP with TF set");
        assertEquals(false, singleStepTrapAfter("90", 0, 0), "NOP with TF clear");
    }

    @Test
    void syscallThatMasksTfDoesNotTrap() {
        assertEquals(false, singleStepTrapAfter("0f05", TF, 0));
        assertEquals(TARGET, cpu.rip, "at LSTAR, no #DB delivered");
        assertEquals(TF, cpu.gpr[11] & TF, "R11 keeps the caller's TF");
    }

    @Test
    void sysretThatLoadsTfTrapsAtOnce() {
        assertEquals(true, singleStepTrapAfter("480f07", 0, TF | 2), "TF from R11");
        assertEquals(false, singleStepTrapAfter("480f07", 0, 2), "TF clear in R11");
    }
}
