package dev.jvmm.cpu.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvmm.cpu.CpuException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-picked encodings in each code size, with the text {@code objdump -M intel} prints for them. */
class DisassemblerTest {
    private final Disassembler disassembler = new Disassembler();

    private String text(int mode, long address, String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        Disassembler.Instruction i = disassembler.disassemble(bytes, address, mode);
        assertEquals(bytes.length, i.length(), "length of " + hex);
        return i.text().replaceAll("\\s+", " ");
    }

    @ParameterizedTest(name = "32-bit {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0x1000 | 8b 45 f8             | mov eax,DWORD PTR [ebp-0x8]
            0x1000 | 8b 44 88 10          | mov eax,DWORD PTR [eax+ecx*4+0x10]
            0x1000 | c7 44 24 04 01000000 | mov DWORD PTR [esp+0x4],0x1
            0x1000 | f3 a5                | rep movs DWORD PTR es:[edi],DWORD PTR ds:[esi]
            0x1000 | f2 ae                | repnz scas al,BYTE PTR es:[edi]
            0x1000 | f0 0f c1 0b          | lock xadd DWORD PTR [ebx],ecx
            0x1000 | 64 a1 30000000       | mov eax,fs:0x30
            0x1000 | 2e 8b 00             | mov eax,DWORD PTR cs:[eax]
            0x1000 | 8b 05 34120000       | mov eax,DWORD PTR ds:0x1234
            0x1000 | 8b 04 24             | mov eax,DWORD PTR [esp]
            0x1000 | 8b 04 64             | mov eax,DWORD PTR [esp+eiz*2]
            0x1000 | 83 c0 ff             | add eax,0xffffffff
            0x1000 | 66 83 c0 ff          | add ax,0xffff
            0x1000 | 6a ff                | push 0xffffffff
            0x1000 | 66 6a ff             | pushw 0xffff
            0x1020 | e8 fb ffffff         | call 0x1020
            0x1023 | 74 fe                | je 0x1023
            0x1000 | 0f 84 00010000       | je 0x1106
            0x1000 | 9a 78563412 0800     | call 0x8:0x12345678
            0x1000 | ea 00000000 1000     | jmp 0x10:0x0
            0x1000 | ff 18                | call FWORD PTR [eax]
            0x1000 | cd 80                | int 0x80
            0x1000 | 0f 22 c0             | mov cr0,eax
            0x1000 | 0f 21 f8             | mov eax,dr7
            0x1000 | 8e d8                | mov ds,eax
            0x1000 | 8c 00                | mov WORD PTR [eax],es
            0x1000 | 0f b6 45 ff          | movzx eax,BYTE PTR [ebp-0x1]
            0x1000 | 66 c7 00 0100        | mov WORD PTR [eax],0x1
            0x1000 | c8 1000 01           | enter 0x10,0x1
            0x1000 | c2 0400              | ret 0x4
            0x1000 | 66 c3                | retw
            0x1000 | 0f 01 10             | lgdtd [eax]
            0x1000 | c4 00                | les eax,FWORD PTR [eax]
            0x1000 | 0f c7 08             | cmpxchg8b QWORD PTR [eax]
            0x1000 | d9 e8                | fld1
            0x1000 | dd 5d f8             | fstp QWORD PTR [ebp-0x8]
            0x1000 | de e9                | fsubp st(1),st
            0x1000 | db 28                | fld TBYTE PTR [eax]
            0x1000 | 0f 28 05 00100000    | movaps xmm0,XMMWORD PTR ds:0x1000
            0x1000 | 66 0f ef c0          | pxor xmm0,xmm0
            0x1000 | f3 0f 10 00          | movss xmm0,DWORD PTR [eax]
            0x1000 | 0f 6f c8             | movq mm1,mm0
            0x1000 | 8d 04 00             | lea eax,[eax+eax*1]
            0x1000 | 66 90                | xchg ax,ax
            0x1000 | f3 90                | pause
            0x1000 | 2e 74 00             | cs je 0x1003
            0x1000 | 66 00 00             | data16 add BYTE PTR [eax],al
            0x1000 | f3 c3                | repz ret
            0x1000 | f2 e8 00000000       | bnd call 0x1006
            0x1000 | f3 87 08             | xrelease xchg DWORD PTR [eax],ecx
            0x1000 | 98                   | cwde
            0x1000 | 0f 01 c8             | monitor
            0x1000 | 66 0f 38 00 c1       | pshufb xmm0,xmm1
            0x1000 | 0f 38 00 c1          | pshufb mm0,mm1
            0x1000 | 66 0f 3a 0f c1 08    | palignr xmm0,xmm1,0x8
            0x1000 | 66 0f 3a 44 c1 11    | pclmulhqhqdq xmm0,xmm1
            0x1000 | 66 0f 3a 44 c1 02    | pclmullqhqdq xmm0,xmm1
            0x1000 | 66 0f 3a 44 c1 05    | pclmulqdq xmm0,xmm1,0x5
            0x1000 | 0f c2 c1 04          | cmpneqps xmm0,xmm1
            0x1000 | f2 0f c2 c1 07       | cmpordsd xmm0,xmm1
            0x1000 | 3e ff d0             | notrack call eax
            0x1000 | f0 0f 20 c0          | mov eax,cr8
            0x1000 | 66 0f 38 20 00       | pmovsxbw xmm0,QWORD PTR [eax]
            0x1000 | f2 0f 38 f1 00       | crc32 eax,DWORD PTR [eax]
            0x1000 | 66 0f 3a 16 00 01    | pextrd DWORD PTR [eax],xmm0,0x1
            0x1000 | 66 0f 3a 14 c0 01    | pextrb eax,xmm0,0x1
            0x1000 | d8 c1                | fadd st,st(1)
            0x1000 | dc c1                | fadd st(1),st
            0x1000 | de f9                | fdivp st(1),st
            0x1000 | df e0                | fnstsw ax
            0x1000 | f3 0f ef c0          | (bad)
            0x1000 | 8d c0                | (bad)
            0x1000 | 0f 04                | (bad)
            """)
    void protectedMode(long address, String hex, String want) {
        assertEquals(want, text(32, address, hex));
    }

    @ParameterizedTest(name = "64-bit {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0x1000 | 48 8b 05 10000000          | mov rax,QWORD PTR [rip+0x10] # 0x1017
            0x1000 | 8b 05 f0ffffff             | mov eax,DWORD PTR [rip+0xfffffffffffffff0] # 0xff6
            0x1000 | 48 89 e5                   | mov rbp,rsp
            0x1000 | 48 c7 45 f8 00000000       | mov QWORD PTR [rbp-0x8],0x0
            0x1000 | 41 ff d4                   | call r12
            0x1000 | 48 b8 efcdab8967452301     | movabs rax,0x123456789abcdef
            0x1000 | e8 00000000                | call 0x1005
            0x1000 | 4c 8d 2c 8d 00000000      | lea r13,[rcx*4+0x0]
            0x1000 | 65 48 8b 04 25 28000000   | mov rax,QWORD PTR gs:0x28
            0x1000 | f3 48 0f b8 c0             | popcnt rax,rax
            0x1000 | 0f 05                      | syscall
            0x1000 | 48 63 c1                   | movsxd rax,ecx
            0x1000 | 40 8a ed                   | mov bpl,bpl
            0x1000 | 66 0f 7e c0                | movd eax,xmm0
            0x1000 | 66 48 0f 7e c0             | movq rax,xmm0
            0x1000 | 48 83 c0 ff                | add rax,0xffffffffffffffff
            0x1000 | 6a ff                      | push 0xffffffffffffffff
            0x1000 | 48 90                      | rex.W nop
            0x1000 | 49 90                      | xchg r8,rax
            0x1000 | 41 00 c0                   | add r8b,al
            0x1000 | 40 00 c0                   | rex add al,al
            0x1000 | 42 8b 04 24                | mov eax,DWORD PTR [rsp+r12*1]
            0x1000 | 8b 04 20                   | mov eax,DWORD PTR [rax+riz*1]
            0x1000 | 26 8b 00                   | es mov eax,DWORD PTR [rax]
            0x1000 | 26 a7                      | cmps DWORD PTR ds:[rsi],DWORD PTR es:[rdi]
            0x1000 | 48 cf                      | iretq
            0x1000 | 48 0f c7 08                | cmpxchg16b OWORD PTR [rax]
            0x1000 | 48 0f ae 00                | fxsave64 [rax]
            0x1000 | 0f ae 20                   | xsave [rax]
            0x1000 | 48 0f ae 28                | xrstor64 [rax]
            0x1000 | 0f ae 30                   | xsaveopt [rax]
            0x1000 | 0f 01 d0                   | xgetbv
            0x1000 | 0f 01 d1                   | xsetbv
            0x1000 | 0f 01 f8                   | swapgs
            0x1000 | 0f 07                      | sysretd
            0x1000 | e3 fe                      | jrcxz 0x1000
            0x1000 | 67 e3 fd                   | jecxz 0x1000
            0x1000 | a1 8877665544332211        | movabs eax,ds:0x1122334455667788
            0x1000 | 06                         | (bad)
            """)
    void longMode(long address, String hex, String want) {
        assertEquals(want, text(64, address, hex));
    }

    @ParameterizedTest(name = "16-bit {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0x1000 | 8b 00             | mov ax,WORD PTR [bx+si]
            0x1000 | 8b 46 04          | mov ax,WORD PTR [bp+0x4]
            0x1000 | 8b 42 fe          | mov ax,WORD PTR [bp+si-0x2]
            0x1000 | 8b 87 00ff        | mov ax,WORD PTR [bx-0x100]
            0x1000 | c6 06 0010 ff     | mov BYTE PTR ds:0x1000,0xff
            0x1000 | ea 0000 00f0      | jmp 0xf000:0x0
            0x1000 | 66 ea 7a7c0000 0800 | jmp 0x8:0x7c7a
            0x1000 | cd 10             | int 0x10
            0x1000 | e8 fdff           | call 0x1000
            0x0010 | e9 00f0           | jmp 0xf013
            0x1000 | e2 fe             | loop 0x1000
            0x1000 | 26 8a 07          | mov al,BYTE PTR es:[bx]
            0x1000 | 66 b8 78563412    | mov eax,0x12345678
            0x1000 | f3 a4             | rep movs BYTE PTR es:[di],BYTE PTR ds:[si]
            0x1000 | 60                | pusha
            0x1000 | 66 60             | pushad
            0x1000 | 66 cf             | iretd
            0x1000 | 0f 01 10          | lgdtw [bx+si]
            0x1000 | 67 8b 04 85 00100000 | mov ax,WORD PTR [eax*4+0x1000]
            """)
    void realMode(long address, String hex, String want) {
        assertEquals(want, text(16, address, hex));
    }

    @Test
    void listingShowsAddressBytesAndText() {
        byte[] code = HexFormat.of().parseHex("5589e5c3");
        String listing = disassembler.listing(ip -> code[(int) (ip - 0x100)] & 0xFF, 0x100, 3, 32);
        assertEquals("""
                     100:  55                             push   ebp
                     101:  89 e5                          mov    ebp,esp
                     103:  c3                             ret
                """, listing);
    }

    @Test
    void unreadableBytesEndTheListing() {
        byte[] code = HexFormat.of().parseHex("90");
        CpuException fault = new CpuException();
        String listing = disassembler.listing(ip -> {
            if (ip >= code.length) throw fault.raise(CpuException.PF, 0);
            return code[(int) ip] & 0xFF;
        }, 0, 5, 32);
        assertEquals(2, listing.lines().count(), listing);
        assertEquals("1:", listing.lines().toList().get(1).strip().split(" +")[0]);
        assertEquals("(unreadable)", listing.lines().toList().get(1).strip().split(" +")[1]);
    }

    @Test
    void instructionCutByAFaultIsBad() {
        Disassembler.Instruction i = disassembler.disassemble(HexFormat.of().parseHex("b8 0100".replace(" ", "")), 0, 32);
        assertEquals("(bad)", i.text());
        assertEquals(3, i.length());
    }

    @Test
    void overlongInstructionIsBad() {
        byte[] sixteen = HexFormat.of().parseHex("66".repeat(15) + "90");
        Disassembler.Instruction i = disassembler.disassemble(sixteen, 0, 32);
        assertEquals("(bad)", i.text());
        assertEquals(15, i.length());
    }

    /** Traces call the disassembler on whatever the guest executes: no byte pattern may throw. */
    @ParameterizedTest(name = "{0}-bit")
    @ValueSource(ints = {16, 32, 64})
    void anyBytesGiveAnInstruction(int mode) {
        int[] likely = {0x66, 0x67, 0xF0, 0xF2, 0xF3, 0x2E, 0x3E, 0x26, 0x64, 0x65, 0x40, 0x48, 0x4F, 0x0F, 0x0F, 0x38};
        SplittableRandom random = new SplittableRandom(mode);
        byte[] b = new byte[16];
        for (int i = 0; i < 200_000; i++) {
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (random.nextInt(4) == 0 ? likely[random.nextInt(likely.length)] : random.nextInt(256));
            }
            Disassembler.Instruction insn = disassembler.disassemble(b, 0x7000, mode);
            if (insn.length() < 1 || insn.length() > 15 || insn.text().isBlank()) {
                throw new AssertionError(HexFormat.of().formatHex(b) + " -> " + insn);
            }
        }
    }

    @Test
    void rejectsUnknownCodeSize() {
        assertThrows(IllegalArgumentException.class, () -> disassembler.disassemble(new byte[] {(byte) 0x90}, 0, 8));
    }
}
