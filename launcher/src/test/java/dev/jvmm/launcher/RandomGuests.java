package dev.jvmm.launcher;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Seeded random guests for {@link FuzzTest}: random code behind a fixed prologue that installs a handler
 * for each of the 32 exception vectors (an IVT in real mode; an IDT, sometimes with a short limit, in
 * protected mode, with random page tables three times in four). Every handler saves the general registers
 * (PUSHA/PUSHAD), prints 'A' + vector on COM1, then the eleven words or doublewords on its stack in hex (the
 * eight registers as the exception found them, then the return IP, CS and FLAGS, or the error code, EIP
 * and CS), and writes the vector to isa-debug-exit; so COM1 carries the final state. Code that runs off the
 * end of the random bytes reaches a terminator that does the same with 0x7E. Registers start random.
 * Machine code is written byte by byte (encodings from the SDM).
 */
final class RandomGuests {
    private RandomGuests() {}

    /** Exit value of the terminator after the random bytes. */
    static final int FELL_THROUGH = 0x7E;
    private static final int RANDOM_BYTES = 384;

    // ---- real mode: a boot sector at 0x7C00, stubs at 0x7E00, common handler at 0x7F00, code at 0x8000 ----

    static byte[] realMode(SplittableRandom rnd) {
        ByteBuffer b = ByteBuffer.allocate(0x400 + RANDOM_BYTES + 8).order(ByteOrder.LITTLE_ENDIAN);
        bytes(b, 0xFC, 0x31, 0xC0, 0x8E, 0xD8, 0x8E, 0xC0, 0x8E, 0xD0, 0xBC, 0x00, 0x70); // cld; ds=es=ss=0; sp=0x7000
        bytes(b, 0x31, 0xFF, 0xB8, 0x00, 0x7E, 0xB9, 0x20, 0x00);                         // di=0; ax=stub 0; cx=32
        bytes(b, 0xAB, 0x50, 0x31, 0xC0, 0xAB, 0x58, 0x83, 0xC0, 0x08, 0xE2, 0xF5);       // IVT[v] = 0000:stub v
        for (int r = 0; r < 8; r++) {
            if (r == 4) continue; // SP
            b.put((byte) (0xB8 + r)).putShort((short) rnd.nextInt(0x10000));
        }
        int jumpFrom = 0x7C00 + b.position() + 3;
        b.put((byte) 0xE9).putShort((short) (0x8000 - jumpFrom));
        b.put(0x1FE, (byte) 0x55).put(0x1FF, (byte) 0xAA);
        for (int v = 0; v < 32; v++) { // stub v: pusha ; mov al, v ; jmp common
            b.position(0x200 + v * 8);
            bytes(b, 0x60, 0xB0, v, 0xE9);
            b.putShort((short) (0x7F00 - (0x7E00 + v * 8 + 6)));
        }
        b.position(0x300);
        dumpAndExit(b, false);
        b.position(0x400);
        randomCode(b, rnd, false);
        bytes(b, 0x60, 0xB0, FELL_THROUGH, 0xE9);
        b.putShort((short) (0x7F00 - (0x7C00 + b.position() + 2)));
        return b.array();
    }

    // ---- protected mode: a multiboot (a.out kludge) image at 1 MiB ----

    private static final int BASE = 0x100000, ENTRY = BASE + 0x40, IDTR = BASE + 0x400, IDT = BASE + 0x800,
            STUBS = BASE + 0xA00, SCRATCH = 0x200000, COMMON = BASE + 0xC00, CODE = BASE + 0x1000, PD = BASE + 0x2000, PT = BASE + 0x3000;

    static byte[] protectedMode(SplittableRandom rnd) {
        return protectedMode(rnd, true);
    }

    /** Without paging: PVM's /dev/kvm refuses CR0.PG outside long mode (#GP), so the kvm fuzz leaves it off there. */
    static byte[] protectedModeWithoutPaging(SplittableRandom rnd) {
        return protectedMode(rnd, false);
    }

    private static byte[] protectedMode(SplittableRandom rnd, boolean mayPage) {
        ByteBuffer b = ByteBuffer.allocate(0x4000).order(ByteOrder.LITTLE_ENDIAN);
        int magic = 0x1BADB002, flags = 1 << 16;
        b.putInt(magic).putInt(flags).putInt(-(magic + flags)).putInt(BASE).putInt(BASE).putInt(0).putInt(0).putInt(ENTRY);
        b.position(ENTRY - BASE);
        b.put((byte) 0xBC).putInt(BASE + 0x0F00);                           // esp below the stubs' page end (multiboot leaves it undefined)
        b.put((byte) 0xBF).putInt(IDT).put((byte) 0xB8).putInt(STUBS).put((byte) 0xB9).putInt(32); // edi, eax, ecx
        bytes(b, 0x66, 0x8C, 0xCA);                                         // mov dx, cs
        bytes(b, 0x66, 0x89, 0x07, 0x66, 0x89, 0x57, 0x02, 0x66, 0xC7, 0x47, 0x04, 0x00, 0x8E, // gate: offset, cs, P DPL0 int32
                0x50, 0xC1, 0xE8, 0x10, 0x66, 0x89, 0x47, 0x06, 0x58, 0x83, 0xC0, 0x10, 0x83, 0xC7, 0x08, 0xE2, 0xE2);
        b.put((byte) 0x0F).put((byte) 0x01).put((byte) 0x1D).putInt(IDTR); // lidt [IDTR]
        if (rnd.nextInt(4) > 0 && mayPage) paging(b, rnd);
        for (int r = 0; r < 8; r++) { // ECX a count, ESI/EDI above the tables and handlers (so string ops rarely erase them)
            int value = r == 1 ? rnd.nextInt(0x2000) : r >= 6 ? SCRATCH + rnd.nextInt(0x400000) : rnd.nextInt();
            if (r != 4) b.put((byte) (0xB8 + r)).putInt(value);
        }
        b.put((byte) 0xE9).putInt(CODE - (BASE + b.position() + 4));
        int idtLimit = rnd.nextInt(8) == 0 ? rnd.nextInt(32 * 8) : 32 * 8 - 1;
        b.putShort(IDTR - BASE, (short) idtLimit).putInt(IDTR - BASE + 2, IDT);
        for (int v = 0; v < 32; v++) { // stub v: pushad ; mov al, v ; jmp common
            b.position(STUBS - BASE + v * 16);
            bytes(b, 0x60, 0xB0, v, 0xE9);
            b.putInt(COMMON - (STUBS + v * 16 + 8));
        }
        b.position(COMMON - BASE);
        dumpAndExit(b, true);
        b.position(CODE - BASE);
        randomCode(b, rnd, true);
        bytes(b, 0x60, 0xB0, FELL_THROUGH, 0xE9);
        b.putInt(COMMON - (BASE + b.position() + 4));
        return b.array();
    }

    /** Words (real mode) or doublewords dumped from the handler's stack: the PUSHA frame and three more. */
    static final int DUMPED = 11;

    /**
     * The common handler, entered with AL = vector after PUSHA(D): prints 'A' + vector and {@link #DUMPED}
     * stack words in hex on COM1 (SS-relative, through (E)BP), writes the vector to port 0xF4, halts.
     */
    private static void dumpAndExit(ByteBuffer b, boolean bits32) {
        int wordBytes = bits32 ? 4 : 2;
        bytes(b, 0x88, 0xC3);                                       // mov bl, al
        if (bits32) b.put((byte) 0x66);
        bytes(b, 0xBA, 0xF8, 0x03, 0x04, 0x41, 0xEE, 0x89, 0xE5);   // mov dx, 0x3f8 ; add al, 'A' ; out dx, al ; mov (e)bp, (e)sp
        b.put((byte) 0xB9);                                         // mov (e)cx, DUMPED
        if (bits32) b.putInt(DUMPED);
        else b.putShort((short) DUMPED);
        int nextWord = b.position();
        bytes(b, 0x8B, bits32 ? 0x75 : 0x76, 0x00, 0x83, 0xC5, wordBytes, 0xBF); // mov (e)si, [(e)bp] ; add (e)bp, n ; mov (e)di, digits
        if (bits32) b.putInt(2 * wordBytes);
        else b.putShort((short) (2 * wordBytes));
        int nextDigit = b.position();
        bytes(b, 0xC1, 0xC6, 0x04, 0x89, 0xF0, 0x24, 0x0F, 0x04, 0x30); // rol (e)si, 4 ; mov (e)ax, (e)si ; and al, 15 ; add al, '0'
        bytes(b, 0x3C, 0x3A, 0x72, 0x02, 0x04, 0x07, 0xEE, 0x4F);      // cmp al, '9'+1 ; jb +2 ; add al, 7 ; out dx, al ; dec (e)di
        bytes(b, 0x75, nextDigit - (b.position() + 2));                 // jnz nextDigit
        bytes(b, 0xB0, 0x20, 0xEE, 0xE2, nextWord - (b.position() + 5)); // mov al, ' ' ; out dx, al ; loop nextWord
        bytes(b, 0x88, 0xD8, 0xE6, 0xF4, 0xFA, 0xF4, 0xEB, 0xFC);      // mov al, bl ; out 0xf4, al ; cli ; hlt ; jmp hlt
    }

    /** CR4.PSE, a random page directory (entry 0 maps the first 4 MiB, where everything above lives) and table, CR3, CR0.PG. */
    private static void paging(ByteBuffer b, SplittableRandom rnd) {
        int at = b.position();
        b.putInt(PD - BASE, 0x83 | (rnd.nextBoolean() ? 0x04 : 0)); // 4 MiB, present, writable, maybe user
        for (int i = 1; i < 1024; i++) {
            int kind = rnd.nextInt(8);
            int entry = kind < 4 ? 0
                    : kind < 7 ? (rnd.nextInt(64) << 22) | 0x80 | (rnd.nextInt(0x80) & ~0x80) | 1 // 4 MiB page, random flags
                    : PT | (rnd.nextInt(0x20)) | 1;                                              // -> the page table
            b.putInt(PD - BASE + i * 4, entry);
        }
        for (int i = 0; i < 1024; i++) {
            b.putInt(PT - BASE + i * 4, rnd.nextBoolean() ? 0 : (rnd.nextInt(0x8000) << 12) | rnd.nextInt(0x80));
        }
        b.position(at);
        bytes(b, 0x0F, 0x20, 0xE0, 0x83, 0xC8, 0x10, 0x0F, 0x22, 0xE0);  // cr4 |= PSE
        b.put((byte) 0xB8).putInt(PD);
        bytes(b, 0x0F, 0x22, 0xD8, 0x0F, 0x20, 0xC0, 0x0D, 0x00, 0x00, 0x00, 0x80, 0x0F, 0x22, 0xC0); // cr3; cr0 |= PG
    }

    /**
     * {@link #RANDOM_BYTES} of code: random bytes mixed with instructions that reach the interesting paths
     * (memory at random addresses, INT n, divides, segment loads, far transfers, string ops, stack switches).
     */
    private static void randomCode(ByteBuffer b, SplittableRandom rnd, boolean bits32) {
        int end = b.position() + RANDOM_BYTES;
        while (b.position() < end - 8) {
            switch (rnd.nextInt(12)) {
                case 0 -> { b.put((byte) 0xA1); address(b, rnd, bits32); }           // mov (e)ax, [addr]
                case 1 -> { b.put((byte) 0xA3); address(b, rnd, bits32); }           // mov [addr], (e)ax
                case 2 -> bytes(b, 0xCD, rnd.nextInt(40));                          // int n
                case 3 -> bytes(b, 0xF7, 0xF0 | rnd.nextInt(8));                    // div r
                case 4 -> bytes(b, 0x8E, 0xC0 | (rnd.nextInt(6) << 3) | rnd.nextInt(8)); // mov sreg, r
                case 5 -> bytes(b, 0xF3, 0xA4 + rnd.nextInt(8));                    // rep string op
                case 6 -> bytes(b, 0x17 + 8 * rnd.nextInt(2));                      // pop ss / pop ds
                case 7 -> bytes(b, 0xCF + rnd.nextInt(1));                          // iret
                default -> b.put((byte) rnd.nextInt(256));
            }
        }
        while (b.position() < end) b.put((byte) 0x90);
    }

    private static void address(ByteBuffer b, SplittableRandom rnd, boolean bits32) {
        if (bits32) b.putInt(rnd.nextInt(4) == 0 ? rnd.nextInt() : SCRATCH + rnd.nextInt(0x600000));
        else b.putShort((short) rnd.nextInt(0x10000));
    }

    private static void bytes(ByteBuffer b, int... values) {
        for (int v : values) b.put((byte) v);
    }
}
