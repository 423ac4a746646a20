package dev.jvmm.cpu.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.cpu.CpuException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecoderTest {
    private final Decoder decoder = new Decoder();

    private Insn decode(int mode, int... bytes) {
        return decoder.decode(ip -> ip < bytes.length ? bytes[(int) ip] : 0x90, 0, mode, new Insn());
    }

    @Test
    void registerForm() {
        Insn i = decode(32, 0x01, 0xC8); // add eax, ecx
        assertEquals(0x01, i.opcode);
        assertEquals(2, i.length);
        assertEquals(4, i.opSize);
        assertEquals(3, i.mod);
        assertEquals(1, i.reg);
        assertEquals(0, i.rm);
        assertEquals("add", OpcodeTable.mnemonic(i));
    }

    @Test
    void sixteenBitBpSiDisp8UsesSs() {
        Insn i = decode(16, 0x8B, 0x42, 0xF0); // mov ax, [bp+si-16]
        assertEquals(5, i.base);
        assertEquals(6, i.index);
        assertEquals(-16, i.disp);
        assertEquals(Insn.SS, i.memSeg);
        assertEquals(2, i.opSize);
        assertEquals(3, i.length);
    }

    @Test
    void sixteenBitDirectAddress() {
        Insn i = decode(16, 0x26, 0x8B, 0x1E, 0x34, 0x12); // mov bx, es:[0x1234]
        assertEquals(-1, i.base);
        assertEquals(-1, i.index);
        assertEquals(0x1234, i.disp);
        assertEquals(Insn.ES, i.memSeg);
        assertEquals(5, i.length);
    }

    @Test
    void ripRelativeIn64BitMode() {
        Insn i = decode(64, 0x48, 0x8B, 0x05, 0x10, 0x00, 0x00, 0x00); // mov rax, [rip+0x10]
        assertTrue(i.ripRelative);
        assertEquals(0x10, i.disp);
        assertEquals(8, i.opSize);
        assertEquals(7, i.length);
        Insn j = decode(32, 0x8B, 0x05, 0x10, 0x00, 0x00, 0x00); // same bytes in 32-bit mode: absolute
        assertFalse(j.ripRelative);
        assertEquals(-1, j.base);
    }

    @Test
    void sibWithRexExtensionsAndNoBase() {
        // mov eax, [r13*2 + 0x12345678]  (SIB base 101 with mod 00: disp32, no base)
        Insn i = decode(64, 0x42, 0x8B, 0x04, 0x6D, 0x78, 0x56, 0x34, 0x12);
        assertEquals(-1, i.base);
        assertEquals(13, i.index);
        assertEquals(1, i.scale);
        assertEquals(0x12345678, i.disp);
        assertEquals(8, i.length);
        // mov eax, [r12 + r13*8 + 8]
        Insn j = decode(64, 0x43, 0x8B, 0x44, 0xEC, 0x08);
        assertEquals(12, j.base);
        assertEquals(13, j.index);
        assertEquals(3, j.scale);
        assertEquals(8, j.disp);
    }

    @Test
    void rexBeforeALegacyPrefixIsIgnored() {
        Insn i = decode(64, 0x48, 0x66, 0x89, 0xC0); // REX.W then 66: REX dropped, 16-bit move
        assertEquals(0, i.rex);
        assertEquals(2, i.opSize);
        assertEquals(4, i.length);
    }

    @Test
    void segmentOverridesIn64BitMode() {
        assertEquals(Insn.SEG_NONE, decode(64, 0x2E, 0x8B, 0x00).segOverride);
        assertEquals(Insn.FS, decode(64, 0x64, 0x8B, 0x00).segOverride);
        assertEquals(Insn.GS, decode(64, 0x65, 0x8B, 0x00).memSeg);
    }

    @Test
    void immediates() {
        assertEquals(-1, decode(32, 0x83, 0xC0, 0xFF).imm); // add eax, -1 (sign-extended imm8)
        Insn mov64 = decode(64, 0x48, 0xB8, 1, 2, 3, 4, 5, 6, 7, 8);
        assertEquals(10, mov64.length);
        assertEquals(0x0807060504030201L, mov64.imm);
        assertEquals(0, mov64.rm);
        Insn movR9 = decode(64, 0x41, 0xB9, 1, 0, 0, 0);
        assertEquals(9, movR9.rm);
        assertEquals(0xFFFF, decode(16, 0xC2, 0xFF, 0xFF).imm); // ret 0xffff: zero-extended
        Insn far = decode(16, 0xEA, 0x34, 0x12, 0x00, 0xF0); // jmp f000:1234
        assertEquals(0x1234, far.imm);
        assertEquals(0xF000, far.imm2);
        Insn enter = decode(32, 0xC8, 0x10, 0x00, 0x03);
        assertEquals(0x10, enter.imm);
        assertEquals(3, enter.imm2);
        Insn test = decode(32, 0xF7, 0xC0, 1, 0, 0, 0); // test eax, 1: group 3 /0 has an imm32
        assertEquals(6, test.length);
        assertEquals(2, decode(32, 0xF7, 0xD0).length); // not eax: no immediate
        assertEquals(5, decode(32, 0xA1, 0, 0, 0, 0).length); // moffs follows the address size
        assertEquals(9, decode(64, 0xA1, 0, 0, 0, 0, 0, 0, 0, 0).length);
    }

    @Test
    void twoAndThreeByteMaps() {
        assertEquals(0x1A2, decode(32, 0x0F, 0xA2).opcode); // cpuid
        Insn movzx = decode(32, 0x0F, 0xB6, 0xC1);
        assertEquals(0x1B6, movzx.opcode);
        assertEquals(3, movzx.length);
        assertEquals(0x200, decode(32, 0x0F, 0x38, 0x00, 0xC1).opcode);
        Insn palignr = decode(32, 0x66, 0x0F, 0x3A, 0x0F, 0xC1, 0x08);
        assertEquals(0x30F, palignr.opcode);
        assertEquals(6, palignr.length);
        Insn movCr = decode(32, 0x0F, 0x22, 0x18); // mov cr3, eax: mod is ignored
        assertEquals(3, movCr.mod);
        assertEquals(3, movCr.reg);
    }

    @Test
    void invalidIn64BitMode() {
        assertTrue((decode(64, 0x06).attrs & OpcodeTable.INVALID) != 0); // push es
        assertFalse((decode(32, 0x06).attrs & OpcodeTable.INVALID) != 0);
        assertEquals(8, decode(64, 0x50).opSize); // push rax defaults to 64-bit
        assertEquals(2, decode(64, 0x66, 0x50).opSize);
        assertEquals(8, decode(64, 0x66, 0xE8, 0, 0, 0, 0).opSize); // near call: Intel ignores 66
    }

    @Test
    void fifteenBytesIsTheLimit() {
        int[] ok = new int[15];
        java.util.Arrays.fill(ok, 0x66);
        ok[14] = 0x90;
        assertEquals(15, decode(32, ok).length);
        int[] tooLong = new int[16];
        java.util.Arrays.fill(tooLong, 0x66);
        tooLong[15] = 0x90;
        CpuException e = assertThrows(CpuException.class, () -> decode(32, tooLong));
        assertEquals(CpuException.GP, e.vector);
        assertEquals(0, e.errorCode);
    }

    /** Every combination of the eleven legacy prefixes (and REX in 64-bit mode) before random opcodes. */
    @Test
    void fuzzEveryPrefixCombination() {
        int[] prefixes = {0x66, 0x67, 0xF0, 0xF2, 0xF3, 0x2E, 0x3E, 0x26, 0x36, 0x64, 0x65};
        Random rnd = new Random(1);
        Insn insn = new Insn();
        int[] buf = new int[32];
        long decoded = 0, tooLong = 0;
        for (int mode : new int[] {16, 32, 64}) {
            for (int set = 0; set < 1 << prefixes.length; set++) {
                for (int trial = 0; trial < 8; trial++) {
                    int n = 0;
                    for (int k = 0; k < prefixes.length; k++) if ((set & (1 << k)) != 0) buf[n++] = prefixes[k];
                    if (mode == 64 && rnd.nextBoolean()) buf[n++] = 0x40 | rnd.nextInt(16);
                    while (n < buf.length) buf[n++] = rnd.nextInt(256);
                    try {
                        decoder.decode(ip -> buf[(int) ip], 0, mode, insn);
                        assertTrue(insn.length >= 1 && insn.length <= 15);
                        assertTrue(insn.opSize == 1 || insn.opSize == 2 || insn.opSize == 4 || insn.opSize == 8);
                        OpcodeTable.mnemonic(insn); // must not throw either
                        decoded++;
                    } catch (CpuException e) {
                        assertEquals(CpuException.GP, e.vector);
                        tooLong++;
                    }
                }
            }
        }
        assertTrue(decoded > 40_000, "decoded " + decoded + ", too long " + tooLong);
    }

    @Test
    void fuzzRandomBytes() {
        Random rnd = new Random(2);
        Insn insn = new Insn();
        byte[] buf = new byte[64];
        for (int trial = 0; trial < 300_000; trial++) {
            rnd.nextBytes(buf);
            int mode = 16 << rnd.nextInt(3);
            try {
                decoder.decode(ip -> buf[(int) ip] & 0xFF, 0, mode, insn);
                assertTrue(insn.length >= 1 && insn.length <= 15);
            } catch (CpuException e) {
                assertEquals(CpuException.GP, e.vector);
            }
        }
    }

    @Test
    void theMandatoryPrefixSelectsTheForm() {
        Insn mmx = decode(32, 0x0F, 0x6E, 0xC0); // movd mm0, eax
        assertEquals("movd Pq,Ey", mmx.form.template);
        assertEquals(Form.NP, mmx.prefixColumn);
        Insn sse = decode(32, 0x66, 0x0F, 0x6E, 0xC0); // movd xmm0, eax
        assertEquals("movd Vx,Ey", sse.form.template);
        assertEquals(4, sse.opSize, "a mandatory 66 is no operand-size prefix");
        Insn wide = decode(64, 0x66, 0x48, 0x0F, 0x6E, 0xC0); // movq xmm0, rax
        assertEquals(8, wide.opSize);
        assertEquals(null, decode(32, 0xF3, 0x0F, 0x6E, 0xC0).form, "no F3 0F 6E form");
    }

    @Test
    void sixtySixStillSizesAFormWhoseColumnIsF3() {
        Insn p = decode(32, 0x66, 0xF3, 0x0F, 0xB8, 0xC1); // popcnt ax, cx
        assertEquals("popcnt", p.form.mnemonic);
        assertEquals(Form.PF3, p.prefixColumn);
        assertEquals(2, p.opSize);
        assertEquals(null, decode(32, 0x0F, 0xB8, 0xC1).form, "0F B8 without F3 is not POPCNT");
    }

    @Test
    void groupMembersDecodeAsTheirRows() {
        assertEquals("sar", decode(32, 0xD1, 0xF8).form.mnemonic);
        assertEquals("idiv", decode(32, 0xF7, 0xF9).form.mnemonic);
        Insn test = decode(32, 0xF6, 0xC1, 0x7F); // test cl, 0x7f
        assertEquals("test", test.form.mnemonic);
        assertEquals(3, test.length);
        assertTrue(test.form.lockable == false);
        assertTrue(decode(32, 0xF0, 0x01, 0x08).form.lockable, "lock add [eax], ecx");
        assertEquals(null, decode(32, 0xFF, 0xF8).form, "FF /7 is undefined");
        assertEquals("movsxd", decode(64, 0x48, 0x63, 0xC1).form.mnemonic);
        assertEquals("arpl", decode(32, 0x63, 0xC1).form.mnemonic);
    }
}
