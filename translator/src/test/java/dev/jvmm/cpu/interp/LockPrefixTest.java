package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.cpu.decode.Decoder;
import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.decode.OpcodeTable;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which instructions LOCK may prefix: the SDM's list (vol. 2 "LOCK—Assert LOCK# Signal Prefix"),
 * only with a memory destination; anything else is #UD. Checked over every opcode and ModRM byte.
 */
class LockPrefixTest {
    private static final Set<String> SDM_LIST = Set.of("add", "adc", "and", "btc", "btr", "bts", "cmpxchg",
            "cmpxchg8b", "dec", "inc", "neg", "not", "or", "sbb", "sub", "xor", "xadd", "xchg");
    private final Decoder decoder = new Decoder();

    private Insn decode(int mode, int... bytes) {
        return decoder.decode(ip -> ip < bytes.length ? bytes[(int) ip] : 0, 0, mode, new Insn());
    }

    @Test
    void lockIsAllowedExactlyOnTheSdmListWithAMemoryDestination() {
        int allowed = 0;
        for (int mode : new int[] {32, 64}) {
            for (int op = 0; op < 0x200; op++) {
                if (op < 0x100 && (OpcodeTable.attrs(op) & OpcodeTable.PREFIX) != 0 || op == 0x0F) continue;
                if (mode == 64 && op >= 0x40 && op < 0x50) continue; // REX
                for (int modrm = 0; modrm < 256; modrm++) {
                    Insn i = op < 0x100 ? decode(mode, 0xF0, op, modrm) : decode(mode, 0xF0, 0x0F, op & 0xFF, modrm);
                    if (i.opcode != op || (i.attrs & OpcodeTable.INVALID) != 0) continue;
                    boolean listed = i.form != null && SDM_LIST.contains(i.form.mnemonic)
                            && !(i.form.template.contains("G") && i.form.template.startsWith(i.form.mnemonic + " G"))
                            && !i.form.template.contains("AL,") && !i.form.template.contains("rAX,")
                            && !i.form.template.contains("Zv");
                    boolean expected = listed && i.isMemory();
                    assertEquals(expected, Interpreter.lockAllowed(i), i.toString());
                    if (expected) allowed++;
                }
            }
        }
        assertTrue(allowed > 1000, "the sweep reached the lockable forms: " + allowed);
    }

    @Test
    void examples() {
        assertTrue(Interpreter.lockAllowed(decode(32, 0xF0, 0x01, 0x08)), "lock add [eax], ecx");
        assertFalse(Interpreter.lockAllowed(decode(32, 0xF0, 0x01, 0xC8)), "lock add eax, ecx: register");
        assertFalse(Interpreter.lockAllowed(decode(32, 0xF0, 0x39, 0x08)), "lock cmp [eax], ecx");
        assertFalse(Interpreter.lockAllowed(decode(32, 0xF0, 0x83, 0x38, 0x01)), "lock cmp [eax], 1");
        assertFalse(Interpreter.lockAllowed(decode(32, 0xF0, 0x0F, 0xA3, 0x08)), "lock bt [eax], ecx");
        assertTrue(Interpreter.lockAllowed(decode(32, 0xF0, 0x0F, 0xC7, 0x08)), "lock cmpxchg8b [eax]");
        assertFalse(Interpreter.lockAllowed(decode(32, 0xF0, 0x8B, 0x08)), "lock mov ecx, [eax]");
    }
}
