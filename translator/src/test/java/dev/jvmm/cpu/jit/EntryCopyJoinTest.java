package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.devices.pc.PcBoard;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A unit entered at a Jcc that follows a CMP inside a loop (the shape of Linux's vsnprintf flag loop, where
 * the lockstep boot found it): the entry copy of that Jcc reads RFLAGS, and the Jcc after it must too. It
 * must not take the CMP's operands from the straight path's locals, which on entry hold whatever lazy flag
 * state the previous unit left in the runtime.
 */
class EntryCopyJoinTest {
    private static final long LOOP = Sandbox.CODE, ENTRY = Sandbox.CODE + 8;

    @Test
    void theJccAfterAnEntryCopyReadsTheFlagsTheCpuHolds() throws Exception {
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(4L << 20)) {
            PcBoard board = PcBoard.create(mem, new TimerQueue(new VirtualClock(1)), PcBoard.Options.defaults());
            JitVcpu vcpu = new JitVcpu(board.platform(), null);
            vcpu.attach(new LockstepChecker(vcpu, mem));
            // LOOP: cmp dl,0x20; je OUT; cmp dl,0x2b; ENTRY: je OUT; jle LOOP; nop; nop; nop; OUT: hlt
            byte[] code = HexFormat.of().parseHex("80fa20" + "740a" + "80fa2b" + "7405" + "7ef4" + "909090" + "f4");
            mem.writeBytes(LOOP, code, 0, code.length);
            CpuState s = box.initialState(new SplittableRandom(1));
            s.rip = ENTRY;
            s.gpr[CpuState.RDX] = 0x6C; // 'l' > '+': neither JE nor JLE is taken
            s.rflags = 0x06;            // what cmp dl,0x2b left: PF, no ZF/SF/OF
            vcpu.setState(s);
            Unit u = new Translator(vcpu.rt.fastMem, new JitStats(), null).translate(UnitKey.of(vcpu.cpu()), ENTRY);
            assertNotNull(u);
            assertTrue(UnitTrace.guestListing(u.region).contains("cmp"), "the region holds the loop before its entry");
            // RFLAGS is exact (ccOp 0), but the last lazy state's operands are still in the runtime: 0x10 <= 0x20
            vcpu.rt.ccOp = 0;
            vcpu.rt.ccA = 0x10;
            vcpu.rt.ccB = 0x20;
            LockstepChecker checker = vcpu.checker();
            checker.beforeUnit(u);
            int why = u.code.run(vcpu.cpu(), vcpu.rt);
            assertNull(checker.afterUnit(u, why), "the unit agrees with the interpreter");
        }
    }
}
