package dev.jvmm.cpu.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The row format: encodings and templates parsed, rows checked against each other, forms selected. */
class OpcodeRowsTest {
    private static Form only(Rows r, int opcode) {
        Form[] f = r.build()[opcode];
        assertEquals(1, f.length);
        return f[0];
    }

    @Test
    void encodingAndTemplateGiveTheDecodeFacts() {
        Rows r = new Rows();
        r.add("66 0F 3A 0F /r", "palignr Vx,Wx,Ib").feature(Feature.SSSE3);
        Form f = only(r, 0x30F);
        assertEquals(Form.P66, f.prefix);
        assertTrue(f.modrm);
        assertEquals(OpcodeTable.IMM_B, f.immediate);
        assertEquals(Feature.SSSE3, f.feature);
        assertEquals("palignr", f.mnemonic);
        assertEquals(JitTreatment.EXIT, f.jit, "the safe default");
    }

    @Test
    void memoryAndRegisterOperandsRestrictMod() {
        Rows r = new Rows();
        r.add("NP 0F 12 /r", "movlps Vx,Mq");
        r.add("NP 0F 12 /r", "movhlps Vx,Ux");
        Form[] f = r.build()[0x112];
        assertEquals(Form.MOD_MEM, f[0].mod);
        assertEquals(Form.MOD_REG, f[1].mod);
        assertSame(f[0], Rows.select(f, Form.NP, 0, 0, 0, 32));
        assertSame(f[1], Rows.select(f, Form.NP, 0, 3, 0, 32));
        assertNull(Rows.select(f, Form.P66, 0, 3, 0, 32), "no row for 66 0F 12 with a register");
    }

    @Test
    void wholeModrmBytesSelectRegisterForms() {
        Rows r = new Rows();
        r.add("D9 E0", "fchs");
        r.add("D8 C0+i", "fadd st,F");
        r.add("D8 /0 !11", "fadd Md");
        Form fchs = only(r, 0xD9);
        assertEquals(4, fchs.reg);
        assertEquals(0, fchs.rm);
        assertEquals(Form.MOD_REG, fchs.mod);
        Form[] d8 = r.build()[0xD8];
        assertSame(d8[0], Rows.select(d8, Form.NP, 0, 3, 5, 32), "fadd st, st(5)");
        assertSame(d8[1], Rows.select(d8, Form.NP, 0, 1, 5, 32), "fadd DWORD PTR [...]");
        assertNull(Rows.select(d8, Form.NP, 1, 3, 5, 32), "D8 C8+i is another row");
    }

    @Test
    void aMandatoryPrefixRowWinsOverOneThatIgnoresPrefixes() {
        Rows r = new Rows();
        r.add("90", "nop");
        r.add("F3 90", "pause");
        Form[] f = r.build()[0x90];
        assertEquals("pause", Rows.select(f, Form.PF3, 0, 3, 0, 32).mnemonic);
        assertEquals("nop", Rows.select(f, Form.P66, 0, 3, 0, 32).mnemonic);
        assertEquals("nop", Rows.select(f, Form.NP, 0, 3, 0, 32).mnemonic);
    }

    @Test
    void modeRestrictedRows() {
        Rows r = new Rows();
        r.add("63 /r !m64", "arpl Ew,Gw");
        r.add("63 /r m64", "movsxd Gv,Ed");
        Form[] f = r.build()[0x63];
        assertEquals("arpl", Rows.select(f, Form.NP, 0, 3, 0, 32).mnemonic);
        assertEquals("movsxd", Rows.select(f, Form.NP, 0, 3, 0, 64).mnemonic);
    }

    @Test
    void plusRegisterIsEightOpcodes() {
        Rows r = new Rows();
        r.add("0F C8+r", "bswap Zv");
        Form[][] t = r.build();
        for (int k = 0; k < 8; k++) assertEquals(1, t[0x1C8 + k].length);
        assertEquals(0, t[0x1C7].length);
    }

    @Test
    void malformedRowsAreRejectedWithTheRowNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Rows().add("0F AF", "imul Gv,Ev"));
        assertTrue(e.getMessage().contains("0F AF") && e.getMessage().contains("/r"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Rows().add("0F AF /r zz", "imul Gv,Ev"));
        assertThrows(IllegalArgumentException.class, () -> new Rows().add("51+r", "push Zv"));
        assertThrows(IllegalArgumentException.class, () -> new Rows().add("/r", "x Ev"));
        assertThrows(IllegalArgumentException.class, () -> new Rows().add("0F 12 /r 11", "movlps Vx,Mq"));
    }

    @Test
    void conflictingRowsAreRejected() {
        Rows same = new Rows();
        same.add("66 0F 6E /r", "movd Vx,Ey");
        same.add("66 0F 6E /r", "movq Vx,Ey");
        assertThrows(IllegalArgumentException.class, same::build);
        Rows modrm = new Rows();
        modrm.add("F6 /0", "test Eb,Ib");
        modrm.add("F6", "bogus");
        assertThrows(IllegalArgumentException.class, modrm::build);
    }

    @Test
    void encodingsNoRowSelectsAreUndefinedWithTheirLength() {
        Decoder d = new Decoder();
        int[][] undefined = {{0xFF, 0xF8}, {0xFE, 0x10}, {0x8F, 0xC8}, {0xC6, 0xC8, 0x01}, {0x0F, 0xBA, 0xC0, 0x01},
                {0x0F, 0xB8, 0xC0}, {0xF2, 0x0F, 0xB8, 0xC0}, {0x8D, 0xC0}};
        for (int[] b : undefined) {
            Insn i = d.decode(ip -> ip < b.length ? b[(int) ip] : 0x90, 0, 32, new Insn());
            String what = java.util.Arrays.toString(b);
            assertEquals(null, i.form, what);
            assertTrue((i.attrs & OpcodeTable.INVALID) != 0, what + " is #UD");
            assertEquals(b.length, i.length, what + ": length");
        }
        int[] arpl = {0x63, 0xC0};
        assertTrue((d.decode(ip -> ip < 2 ? arpl[(int) ip] : 0x90, 0, 64, new Insn()).attrs & OpcodeTable.INVALID) == 0,
                "63 is MOVSXD in 64-bit mode");
        int[] salc = {0xD6};
        assertTrue((d.decode(ip -> salc[0], 0, 64, new Insn()).attrs & OpcodeTable.INVALID) != 0, "D6 in 64-bit mode");
    }

    @Test
    void groupMembersTakeTheirRowsImmediate() {
        Decoder d = new Decoder();
        int[] test = {0xF6, 0xC0, 0x12, 0x90}, not = {0xF6, 0xD0, 0x90, 0x90};
        Insn t = d.decode(ip -> test[(int) ip], 0, 32, new Insn());
        assertEquals(3, t.length);
        assertEquals(0x12, t.imm);
        assertEquals(2, d.decode(ip -> not[(int) ip], 0, 32, new Insn()).length);
    }

    @Test
    void rowSetsAddedLaterDoNotMakeOtherFormsUndefined() {
        assertTrue(OpcodeTable.complete(0x01) && OpcodeTable.complete(0x1BA));
        assertFalse(OpcodeTable.complete(0x1C7), "group 9: only CMPXCHG8B has a row");
        assertFalse(OpcodeTable.complete(0x16E), "SimdRows did not declare 0F 6E complete");
        assertFalse(OpcodeTable.complete(0xD9), "x87: no rows");
    }

    @Test
    void everyDefinedOneByteOpcodeHasRows() {
        for (int op = 0; op < 0x100; op++) {
            int attrs = OpcodeTable.attrs(op);
            boolean defined = (attrs & (OpcodeTable.PREFIX | OpcodeTable.INVALID)) == 0 && op != 0x0F
                    && (op < 0xD8 || op > 0xDF);
            assertEquals(defined, OpcodeTable.forms(op).length > 0, String.format("%02X", op));
        }
    }
}
