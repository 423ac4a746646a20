package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LOCK-ed instructions and XCHG with memory on several CPUs at once: two interpreters on two threads
 * share one RAM and each adds {@link #ROUNDS} to four counters — with LOCK INC, with a plain INC inside an
 * XCHG spinlock (released by a plain store), with LOCK XADD and with a LOCK CMPXCHG retry loop. Every
 * counter must come out exact.
 */
class AtomicOperandTest {
    static final int ROUNDS = 20_000;
    static final int CPUS = 2;

    /** Real mode at 0000:7C00; counters at 0x500, 0x504, 0x50C, 0x510, the spinlock byte at 0x508. */
    static final int[] CODE = {
            0xB9, ROUNDS & 0xFF, ROUNDS >> 8,         // mov cx, ROUNDS
            0xF0, 0x66, 0xFF, 0x06, 0x00, 0x05,       // L: lock inc dword [0x500]
            0xB0, 0x01,                               // S: mov al, 1
            0x86, 0x06, 0x08, 0x05,                   //    xchg [0x508], al
            0x84, 0xC0,                               //    test al, al
            0x75, 0xF6,                               //    jnz S
            0x66, 0xFF, 0x06, 0x04, 0x05,             //    inc dword [0x504]     (inside the lock)
            0xC6, 0x06, 0x08, 0x05, 0x00,             //    mov byte [0x508], 0   (release: a plain store)
            0x66, 0xB8, 0x01, 0x00, 0x00, 0x00,       //    mov eax, 1
            0xF0, 0x66, 0x0F, 0xC1, 0x06, 0x0C, 0x05, //    lock xadd [0x50C], eax
            0x66, 0xA1, 0x10, 0x05,                   // C: mov eax, [0x510]
            0x66, 0x89, 0xC3,                         //    mov ebx, eax
            0x66, 0x43,                               //    inc ebx
            0xF0, 0x66, 0x0F, 0xB1, 0x1E, 0x10, 0x05, //    lock cmpxchg [0x510], ebx
            0x75, 0xEE,                               //    jnz C
            0xE2, 0xC5,                               //    loop L
            0xF4,                                     //    hlt
    };

    @Test
    void countersAreExactOnTwoThreads() throws Exception {
        try (GuestMemory mem = GuestMemory.create(2L << 20)) {
            for (int k = 0; k < CODE.length; k++) mem.write8(0x7C00 + k, CODE[k]);
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int n = 0; n < CPUS; n++) {
                Cpu cpu = new Cpu(mem);
                Interpreter interp = new Interpreter(cpu, new PortBus());
                interp.enableAtomics();
                CpuState s = CpuState.realMode(0, 0x7C00);
                s.gpr[CpuState.RSP] = 0x7000 - 0x100 * n;
                cpu.setState(s);
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (long steps = 0; !cpu.halted; steps++) {
                            interp.step();
                            if (steps > 100_000_000L) throw new AssertionError("no HLT: a lost spinlock release?");
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            for (Thread t : threads) t.join();
            assertEquals(List.of(), failures);
            int expected = CPUS * ROUNDS;
            assertEquals(expected, mem.read32(0x500), "LOCK INC");
            assertEquals(expected, mem.read32(0x504), "INC inside an XCHG spinlock");
            assertEquals(expected, mem.read32(0x50C), "LOCK XADD");
            assertEquals(expected, mem.read32(0x510), "LOCK CMPXCHG loop");
            assertEquals(0, mem.read8(0x508), "the spinlock is free");
        }
    }
}
