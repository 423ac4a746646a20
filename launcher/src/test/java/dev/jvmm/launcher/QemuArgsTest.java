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
    void somethingJvmmWouldDoDifferentlyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-device", "e1000")));
        assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-device", "isa-debug-exit,iobase=0x501")));
        assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-accel", "hvf")));
        assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-display", "gtk")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QemuArgs.translate(List.of("-kernel")));
        assertEquals("-kernel needs a value", e.getMessage());
    }
}
