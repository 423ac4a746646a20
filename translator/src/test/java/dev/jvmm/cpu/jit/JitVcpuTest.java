package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.devices.pc.PcBoard;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The jit run loop's choices between translated units and the interpreter. */
class JitVcpuTest {
    @Test
    void instructionsAfterATlbMissDoNotBecomeUnitsOfTheirOwn() throws Exception {
        //       mov esi, 0x100000 ; mov ecx, 2000
        // loop: mov eax, [esi]       every pass reads a page it never read before: a soft-TLB miss
        //       add esi, 0x1000 ; dec ecx ; jnz loop ; hlt
        byte[] code = HexFormat.of().parseHex("be00001000" + "b9d0070000" + "8b06" + "81c600100000" + "49" + "75f5" + "f4");
        long loop = Sandbox.CODE + 10, afterLoad = loop + 2;
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(16L << 20)) {
            PcBoard board = PcBoard.create(mem, new TimerQueue(new VirtualClock(1)), PcBoard.Options.defaults());
            JitVcpu vcpu = new JitVcpu(board.platform(), null, false); // translate on this thread: deterministic
            mem.writeBytes(Sandbox.CODE, code, 0, code.length);
            vcpu.setState(box.initialState(new SplittableRandom(1)));
            for (int n = 0; n < 100_000 && !vcpu.cpu().halted; n++) {
                if (!vcpu.runUnit()) vcpu.interp().step(); // the run loop, without interrupts and timers
            }
            assertTrue(vcpu.cpu().halted, "the guest ran to its HLT");
            assertEquals(0, vcpu.cpu().gpr[1], "ECX counted down");
            assertTrue(vcpu.stats.exits[CompiledUnit.EXIT_TLB_MISS] > 1000, "the loop's unit left at the miss on most passes");
            assertNull(vcpu.cache.lookup(afterLoad, afterLoad, vcpu.cpu()), "no unit starts at the instruction after the load");
            assertEquals(1, vcpu.stats.unitsTranslated, "one unit: the loop");
        }
    }
}
