package dev.jvmm.launcher;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class QemuArgsTest {
    @Test
    void qemuWordsBecomeJvmmOptions() {
        assertEquals(List.of("--kernel", "k.elf", "-m", "64", "--append", "a b", "--serial=stdio", "--no-reboot", "--engine=jit"),
                QemuArgs.translate(List.of("-kernel", "k.elf", "-m", "64", "-append", "a b", "-nographic", "-display", "none",
                        "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-accel", "tcg")));
        assertEquals(List.of("--engine=kvm"), QemuArgs.translate(List.of("-enable-kvm")));
        assertEquals(List.of("--kernel", "vmlinuz", "--initrd", "initrd.gz"), QemuArgs.translate(List.of("-kernel", "vmlinuz", "-initrd", "initrd.gz")));
        assertEquals(List.of("--serial", "file:/tmp/x"), QemuArgs.translate(List.of("-serial", "file:/tmp/x")));
    }

    @Test
    void gdbWords() {
        assertEquals(List.of("--gdb=tcp::1234", "--gdb-wait"), QemuArgs.translate(List.of("-s", "-S")));
        assertEquals(List.of("--gdb=tcp::4321"), QemuArgs.translate(List.of("-gdb", "tcp::4321")));
        assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-gdb")));
    }

    @Test
    void logWordsBecomeTracesAndTheirFile() {
        assertEquals(List.of("--trace=jit,insn", "--trace-file=q.log"), QemuArgs.translate(List.of("-d", "in_asm,exec,nochain", "-D", "q.log")));
        assertEquals(List.of("--trace=int"), QemuArgs.translate(List.of("-d", "int")));
        assertEquals(List.of("--trace=cpu"), QemuArgs.translate(List.of("-d", "cpu")));
        var e = assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-d", "unimp")));
        assertTrue(e.getMessage().startsWith("-d unimp: not logged by jvmm yet"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-d", "bogus")));
    }

    @Test
    void kvmUnitTestsRunLine() {
        assertEquals(List.of("--no-reboot", "--device=pc-testdev", "--serial", "stdio", "--device=pci-testdev", "--engine=jit",
                        "--kernel", "apic.flat", "--smp=2", "--cpu=qemu64,+x2apic,+tsc-deadline", "--initrd", "env"),
                QemuArgs.translate(List.of("--no-reboot", "-nodefaults", "-device", "pc-testdev", "-device",
                        "isa-debug-exit,iobase=0xf4,iosize=0x4", "-display", "none", "-serial", "stdio", "-device", "pci-testdev",
                        "-machine", "accel=tcg", "-kernel", "apic.flat", "-smp", "2", "-cpu", "qemu64,+x2apic,+tsc-deadline",
                        "-initrd", "env")));
        assertEquals(List.of("--device=?"), QemuArgs.translate(List.of("-device", "?")));
        assertEquals(List.of("--device=?"), QemuArgs.translate(List.of("-device", "help")));
        assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-machine", "q35")));
        assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-device", "pc-testdev,foo=1")));
    }

    @Test
    void displayAndPitWordsOfOtherX86RunVersions() {
        assertEquals(List.of("--no-reboot"), QemuArgs.translate(List.of("--no-reboot", "-vnc", "none",
                "-global", "kvm-pit.lost_tick_policy=discard")));
        assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-vnc", ":1")));
        assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-global", "e1000.mac=x")));
    }

    @Test
    void somethingJvmmWouldDoDifferentlyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-device", "e1000")));
        assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-device", "isa-debug-exit,iobase=0x501")));
        assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-accel", "hvf")));
        assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-display", "gtk")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-kernel")));
        assertEquals("-kernel needs a value", e.getMessage());
    }
}
