package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.memory.GuestMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** KVM's hypercall ABI behind VMCALL/VMMCALL (Linux Documentation/virt/kvm/x86/hypercalls.rst). */
class HypercallsTest {
    private final GuestMemory mem = GuestMemory.create(2L << 20);
    private final Cpu cpu = new Cpu(mem);
    private final Interpreter in = new Interpreter(cpu, new PortBus());
    private final List<String> ipis = new ArrayList<>();
    private final Set<Integer> presentApics = Set.of(2, 66);

    HypercallsTest() {
        cpu.interrupts = new InterruptController() {
            @Override public boolean interruptPending() { return false; }
            @Override public int acknowledge() { return -1; }
            @Override public boolean sendIpiToApicId(int apicId, int icrLow) {
                ipis.add(apicId + ":" + Integer.toHexString(icrLow));
                return presentApics.contains(apicId);
            }
        };
    }

    @AfterEach
    void close() {
        mem.close();
    }

    private long call(int mode, int cpl, long rax, long rbx, long rcx, long rdx, long rsi) {
        cpu.mode = mode;
        cpu.cpl = cpl;
        cpu.gpr[0] = rax;
        cpu.gpr[3] = rbx;
        cpu.gpr[1] = rcx;
        cpu.gpr[2] = rdx;
        cpu.gpr[6] = rsi;
        Hypercalls.execute(in);
        return cpu.gpr[0];
    }

    @Test
    void unknownNumbersAnswerMinusEnosys() {
        assertEquals(-1000, call(64, 0, 0, 0, 0, 0, 0));
        assertEquals(0xFFFF_FC18L, call(32, 0, 0, 0, 0, 0, 0), "-1000 in 32 bits outside 64-bit mode");
        assertEquals(-1000, call(64, 0, 0x1_0000_000AL, 0, 0, 0, 0), "all 64 bits of RAX are the number");
    }

    @Test
    void onlyCpl0MayCall() {
        assertEquals(-1, call(64, 3, 10, 1, 0, 2, 0x40), "-KVM_EPERM");
        assertEquals(List.of(), ipis);
    }

    @Test
    void sendIpiWalksBothBitmapsAndCountsTheApicsThatTookIt() {
        assertEquals(2, call(64, 0, 10, 0b101, 1, 2, 0x40), "IDs 2 and 4 from RBX, 2 + 64 from RCX; 4 is absent");
        assertEquals(List.of("2:40", "4:40", "66:40"), ipis);
    }

    @Test
    void sendIpiClustersAre32ApicsOutside64BitMode() {
        call(32, 0, 10, 0, 1, 2, 0x40);
        assertEquals(List.of("34:40"), ipis);
    }

    @Test
    void aFirstIdAboveEveryApicSendsNothing() {
        // kvm-unit-tests apic 'PV IPIs testing': min = 0xFFFFFFFF must not reach past the APIC map
        assertEquals(0, call(64, 0, 10, 0xFFFF_FFFFL, 0, 0xFFFF_FFFFL, 0));
        assertEquals(List.of("-1:0"), ipis, "only ID 0xFFFFFFFF is even asked about");
    }
}
