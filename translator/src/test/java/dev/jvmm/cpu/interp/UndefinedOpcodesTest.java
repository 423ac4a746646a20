package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.decode.Form;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every #UD an instruction raises is counted by opcode and prefix column for {@code --stats}. */
class UndefinedOpcodesTest {
    private static final long HANDLER = 0x11000;
    private final GuestMemory mem = GuestMemory.create(2L << 20);

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void countsEachUndefinedInstructionByOpcode() {
        // #UD handler: skip the 2-byte (UD2) or 4-byte (F3 0F 0B ..) instruction by the length in EBX
        int[] handler = {0x01, 0x1C, 0x24, 0xCF}; // add [esp], ebx; iret
        for (int k = 0; k < handler.length; k++) mem.write8(HANDLER + k, handler[k]);
        FlatProtectedMode.interruptGate(mem, 6, HANDLER);
        int[] code = {0x0F, 0x0B, 0x0F, 0x0B, 0xF4}; // ud2; ud2; hlt
        for (int k = 0; k < code.length; k++) mem.write8(FlatProtectedMode.CODE + k, code[k]);
        Cpu cpu = new Cpu(mem);
        var s = FlatProtectedMode.state(mem, 0x17);
        s.gpr[3] = 2;
        cpu.setState(s);
        Interpreter in = new Interpreter(cpu, new PortBus());
        for (int n = 0; n < 20 && !cpu.halted; n++) in.step();
        assertTrue(cpu.halted, "both UD2 were skipped by the handler");
        assertEquals(2, in.undefinedCount(Form.NP, 0x10B));
        assertEquals(0, in.undefinedCount(Form.NP, 0x0B));
        assertTrue(in.stats().contains(String.format("interp: #UD by opcode: 0F 0B (ud2) 2 first at rip 0x%x", FlatProtectedMode.CODE)), in.stats());
    }

    @Test
    void nothingUndefinedPrintsNothing() {
        Interpreter in = new Interpreter(new Cpu(mem), new PortBus());
        assertTrue(!in.stats().contains("#UD"), in.stats());
    }
}
