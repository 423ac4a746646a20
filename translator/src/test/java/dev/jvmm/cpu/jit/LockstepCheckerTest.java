package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.devices.pc.PcBoard;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The lockstep oracle itself: silent when translated code and interpreter agree, loud when they do not. */
class LockstepCheckerTest {
    @Test
    void agreesWithCorrectCodeAndReportsATamperedResult() throws Exception {
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(4L << 20)) {
            PcBoard board = PcBoard.create(mem, new TimerQueue(new VirtualClock(1)), PcBoard.Options.defaults());
            JitVcpu vcpu = new JitVcpu(board.platform(), null);
            LockstepChecker checker = new LockstepChecker(vcpu, mem);
            vcpu.attach(checker);
            // add eax, ebx ; mov [ebx+8], eax ; hlt
            byte[] code = HexFormat.of().parseHex("01d8" + "894308" + "f4");
            mem.writeBytes(Sandbox.CODE, code, 0, code.length);
            vcpu.setState(box.initialState(new SplittableRandom(4)));
            Unit u = new Translator(vcpu.rt.fastMem, new JitStats(), null).translate(UnitKey.of(vcpu.cpu()), Sandbox.CODE);
            assertNotNull(u);

            checker.beforeUnit(u);
            int why = u.code.run(vcpu.cpu(), vcpu.rt);
            assertNull(checker.afterUnit(u, why), "correct code agrees with the interpreter");

            vcpu.setState(box.initialState(new SplittableRandom(5)));
            checker.beforeUnit(u);
            why = u.code.run(vcpu.cpu(), vcpu.rt);
            vcpu.cpu().gpr[0] ^= 1; // what a translator bug would do
            String report = checker.afterUnit(u, why);
            assertNotNull(report, "a wrong result is reported");
            assertTrue(report.contains("rax"), report);
            assertTrue(report.contains("add"), "the report lists the unit's instructions: " + report);
        }
    }
}
