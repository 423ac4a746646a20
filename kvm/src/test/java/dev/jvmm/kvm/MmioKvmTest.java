package dev.jvmm.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jvmm.core.bus.MmioDevice;
import dev.jvmm.core.clock.HostClock;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.engine.VcpuExit;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.memory.GuestMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An MMIO hole inside RAM: KVM must exit for it, and RAM on both sides must stay RAM. */
class MmioKvmTest {
    static final long HOLE = 0x10_0000;

    @BeforeEach
    void needKvm() {
        KvmTestMachine.assumeKvm();
    }

    @Test
    void accessesToAHoleReachTheDeviceAndRamAroundItStaysRam() {
        List<String> log = new ArrayList<>();
        GuestMemory memory = GuestMemory.create(2 << 20);
        memory.mapMmio(HOLE, 0x1000, new MmioDevice() {
            @Override public long read(long offset, int size) {
                log.add(String.format("read %x/%d", offset, size));
                return 0xA5A5_0000L + offset;
            }
            @Override public void write(long offset, int size, long value) {
                log.add(String.format("write %x/%d=%x", offset, size, value));
            }
        });
        try (KvmTestMachine m = new KvmTestMachine(memory, InterruptController.NONE, new HostClock())) {
            m.load(0x10000,
                    0xC7, 0x05, 0x10, 0x00, 0x10, 0x00, 0x44, 0x33, 0x22, 0x11, // mov dword [0x100010], 0x11223344
                    0x8B, 0x1D, 0x14, 0x00, 0x10, 0x00,                         // mov ebx, [0x100014]
                    0xC6, 0x05, 0x00, 0x10, 0x10, 0x00, 0x77,                   // mov byte [0x101000], 0x77 (RAM above)
                    0xC6, 0x05, 0xFF, 0xFF, 0x0F, 0x00, 0x66,                   // mov byte [0x0fffff], 0x66 (RAM below)
                    0xFA, 0xF4);                                                // cli; hlt
            m.vcpu.setState(GuestSetup.protectedMode(m.memory, 0x10000));
            assertInstanceOf(VcpuExit.Halted.class, m.vcpu.run());
            assertEquals(List.of("write 10/4=11223344", "read 14/4"), log);
            assertEquals(0xA5A5_0014L, m.vcpu.state().gpr[CpuState.RBX]);
            assertEquals(0x77, m.memory.read8(0x101000));
            assertEquals(0x66, m.memory.read8(0x0FFFFF));
            assertEquals(2, RamSlots.of(memory).size());
        }
    }

    @Test
    void unclaimedPhysicalAddressesReadAllOnes() {
        try (KvmTestMachine m = new KvmTestMachine()) {
            m.load(0x10000,
                    0x8B, 0x1D, 0x00, 0x00, 0x00, 0xE0, // mov ebx, [0xe0000000] (no RAM, no device)
                    0xFA, 0xF4);
            m.vcpu.setState(GuestSetup.protectedMode(m.memory, 0x10000));
            assertInstanceOf(VcpuExit.Halted.class, m.vcpu.run());
            assertEquals(0xFFFF_FFFFL, m.vcpu.state().gpr[CpuState.RBX]);
        }
    }

    /** ROM above RAM is not a KVM slot: reads exit as MMIO and GuestMemory serves them; writes are ignored. */
    @Test
    void romAboveRamIsReadableThroughMmioExits() {
        GuestMemory memory = GuestMemory.create(2 << 20);
        memory.mapRom(0xFFFF_0000L, new byte[] {0x78, 0x56, 0x34, 0x12});
        try (KvmTestMachine m = new KvmTestMachine(memory, InterruptController.NONE, new HostClock())) {
            m.load(0x10000,
                    0xC7, 0x05, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, // mov dword [0xffff0000], 0 (ignored)
                    0x8B, 0x1D, 0x00, 0x00, 0xFF, 0xFF,                         // mov ebx, [0xffff0000]
                    0xFA, 0xF4);
            m.vcpu.setState(GuestSetup.protectedMode(m.memory, 0x10000));
            assertInstanceOf(VcpuExit.Halted.class, m.vcpu.run());
            assertEquals(0x12345678L, m.vcpu.state().gpr[CpuState.RBX]);
        }
    }
}
