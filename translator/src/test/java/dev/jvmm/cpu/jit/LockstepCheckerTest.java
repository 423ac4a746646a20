package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    /** A jit vCPU on a PC board over {@code mem}, with a checker attached. */
    private static JitVcpu checkedVcpu(GuestMemory mem) {
        PcBoard board = PcBoard.create(mem, new TimerQueue(new VirtualClock(1)), PcBoard.Options.defaults());
        JitVcpu vcpu = new JitVcpu(board.platform(), null);
        vcpu.attach(new LockstepChecker(vcpu, mem));
        return vcpu;
    }

    @Test
    void agreesWithCorrectCodeAndReportsATamperedResult() throws Exception {
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(4L << 20)) {
            JitVcpu vcpu = checkedVcpu(mem);
            LockstepChecker checker = vcpu.checker();
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

    /**
     * CPUID leaf 1 (the APIC bit and ID come from the local APIC) and RDMSR of IA32_TSC_DEADLINE (owned by
     * the local APIC) read state the shadow CPU, which has no interrupt controller, answers differently:
     * such a unit runs once, unchecked, and the next ordinary unit is compared again.
     */
    @Test
    void unitsThatAskTheLocalApicRunUncheckedAndTheNextIsComparedAgain() throws Exception {
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(4L << 20)) {
            JitVcpu vcpu = checkedVcpu(mem);
            LockstepChecker checker = vcpu.checker();
            long cpuid = Sandbox.CODE, rdmsr = Sandbox.CODE + 0x100, plain = Sandbox.CODE + 0x200;
            mem.writeBytes(cpuid, HexFormat.of().parseHex("b801000000" + "0fa2" + "f4"), 0, 8);        // mov eax,1; cpuid; hlt
            mem.writeBytes(rdmsr, HexFormat.of().parseHex("b9e0060000" + "0f32" + "f4"), 0, 8);        // mov ecx,0x6E0; rdmsr; hlt
            mem.writeBytes(plain, HexFormat.of().parseHex("01d8" + "f4"), 0, 3);                       // add eax,ebx; hlt
            Translator translator = new Translator(vcpu.rt.fastMem, new JitStats(), null);
            for (long entry : new long[] {cpuid, rdmsr}) {
                dev.jvmm.core.cpu.CpuState s = box.initialState(new SplittableRandom(entry));
                s.rip = entry;
                vcpu.setState(s);
                Unit u = translator.translate(UnitKey.of(vcpu.cpu()), entry);
                assertNotNull(u);
                checker.beforeUnit(u);
                int why = u.code.run(vcpu.cpu(), vcpu.rt);
                assertNull(checker.afterUnit(u, why), () -> String.format("the unit at %x reads the local APIC", entry));
                if (entry == cpuid) assertTrue((vcpu.cpu().gpr[2] & (1 << 9)) != 0, "CPUID.1:EDX.APIC comes from the local APIC");
            }
            assertEquals(2, checker.unitsSkipped);
            assertEquals(0, checker.unitsCompared);
            dev.jvmm.core.cpu.CpuState s = box.initialState(new SplittableRandom(7));
            s.rip = plain;
            vcpu.setState(s);
            Unit u = translator.translate(UnitKey.of(vcpu.cpu()), plain);
            checker.beforeUnit(u);
            int why = u.code.run(vcpu.cpu(), vcpu.rt);
            vcpu.cpu().gpr[0] ^= 1; // what a translator bug would do
            assertNotNull(checker.afterUnit(u, why), "a unit that does not ask the APIC is compared");
            assertEquals(1, checker.unitsCompared);
        }
    }

    @Test
    void aWrongStoreIsReportedByAddressAndCloseGivesBackTheCopiesOfRam() throws Exception {
        try (Sandbox box = new Sandbox(32); GuestMemory mem = GuestMemory.create(4L << 20)) {
            JitVcpu vcpu = checkedVcpu(mem);
            LockstepChecker checker = vcpu.checker();
            // mov [ebx+8], eax ; hlt
            byte[] code = HexFormat.of().parseHex("894308" + "f4");
            mem.writeBytes(Sandbox.CODE, code, 0, code.length);
            vcpu.setState(box.initialState(new SplittableRandom(6)));
            long target = vcpu.cpu().gpr[3] + 8 + 2; // the third byte the MOV writes
            Unit u = new Translator(vcpu.rt.fastMem, new JitStats(), null).translate(UnitKey.of(vcpu.cpu()), Sandbox.CODE);
            checker.beforeUnit(u);
            int why = u.code.run(vcpu.cpu(), vcpu.rt);
            mem.write8(target, mem.read8(target) ^ 0x40); // what a translator bug would do
            String report = checker.afterUnit(u, why);
            assertNotNull(report, "a wrong byte is reported");
            assertTrue(report.contains(String.format("[%x]", target)), report);
            vcpu.close();
            assertThrows(IllegalStateException.class, () -> checker.beforeUnit(u), "the shadow RAM is unmapped");
        }
    }
}
