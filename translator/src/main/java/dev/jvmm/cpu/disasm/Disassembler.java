package dev.jvmm.cpu.disasm;

import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.decode.CodeFetcher;
import dev.jvmm.cpu.decode.Decoder;
import dev.jvmm.cpu.decode.Insn;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Intel-syntax disassembler: decodes with {@link Decoder} and prints what {@code objdump -d -M intel}
 * prints for the same bytes. Not thread-safe (it reuses its decoder and record); cheap to create.
 *
 * <pre>{@code
 * Disassembler d = new Disassembler();
 * d.disassemble(new byte[] {(byte) 0x8b, 0x45, (byte) 0xf8}, 0x1000, 32).text(); // "mov    eax,DWORD PTR [ebp-0x8]"
 * d.listing(cpu::fetchByte, rip, 10, 64);  // ten lines "address: bytes  text" for a trace
 * }</pre>
 */
public final class Disassembler {
    /** One disassembled instruction: where it is, its bytes and its Intel-syntax text. */
    public record Instruction(long address, byte[] bytes, String text) {
        public int length() {
            return bytes.length;
        }

        /** The bytes as objdump shows them: "8b 45 f8". */
        public String hexBytes() {
            StringBuilder sb = new StringBuilder(bytes.length * 3);
            for (byte b : bytes) {
                if (!sb.isEmpty()) sb.append(' ');
                sb.append(HexFormat.of().toHexDigits(b));
            }
            return sb.toString();
        }

        /** "    1000:  8b 45 f8               mov    eax,DWORD PTR [ebp-0x8]". */
        @Override
        public String toString() {
            return String.format("%8x:  %-30s %s", address, hexBytes(), text);
        }
    }

    private final Decoder decoder = new Decoder();
    private final Insn insn = new Insn();
    private final IntelSyntax syntax = new IntelSyntax();
    private final byte[] raw = new byte[Decoder.MAX_LENGTH];
    private final CpuException outOfRange = new CpuException();
    private final RecordingFetcher recorder = new RecordingFetcher();

    /** Passes fetches through and keeps each byte, so every byte is read from guest memory once. */
    private final class RecordingFetcher implements CodeFetcher {
        private CodeFetcher source;
        private long start;

        void start(CodeFetcher source, long start) {
            this.source = source;
            this.start = start;
        }

        @Override
        public int fetch(long ip) {
            int b = source.fetch(ip);
            raw[(int) (ip - start)] = (byte) b;
            return b;
        }
    }

    /** Disassembles the instruction at {@code address}, reading its bytes through {@code fetcher}. */
    public Instruction disassemble(CodeFetcher fetcher, long address, int codeBits) {
        if (codeBits != 16 && codeBits != 32 && codeBits != 64) {
            throw new IllegalArgumentException("code size must be 16, 32 or 64: " + codeBits);
        }
        recorder.start(fetcher, address);
        try {
            decoder.decode(recorder, address, codeBits, insn);
        } catch (CpuException e) {
            return undecodable(fetcher, address); // overlong (#GP) or a fetch fault part way
        }
        return new Instruction(address, Arrays.copyOf(raw, insn.length), syntax.format(insn, raw, address));
    }

    /** Disassembles the instruction at {@code code[offset]}, which lives at {@code address}. */
    public Instruction disassemble(byte[] code, int offset, long address, int codeBits) {
        return disassemble(ip -> {
            long i = offset + (ip - address);
            if (i < 0 || i >= code.length) throw outOfRange.raise(CpuException.PF, 0);
            return code[(int) i] & 0xFF;
        }, address, codeBits);
    }

    /** Disassembles the instruction at the start of {@code code}. */
    public Instruction disassemble(byte[] code, long address, int codeBits) {
        return disassemble(code, 0, address, codeBits);
    }

    /**
     * A listing of {@code count} instructions from {@code address}, one line each (see
     * {@link Instruction#toString()}); stops early at bytes that cannot be read.
     */
    public String listing(CodeFetcher memory, long address, int count, int codeBits) {
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < count; n++) {
            Instruction i = disassemble(memory, address, codeBits);
            sb.append(i).append('\n');
            if (i.length() == 0) break;
            address += i.length();
        }
        return sb.toString();
    }

    /** The readable bytes (at most 15) as one "(bad)" instruction; none readable gives "(unreadable)". */
    private static Instruction undecodable(CodeFetcher fetcher, long address) {
        byte[] buf = new byte[Decoder.MAX_LENGTH];
        int n = 0;
        try {
            for (; n < buf.length; n++) buf[n] = (byte) fetcher.fetch(address + n);
        } catch (CpuException e) {
            // n bytes were readable
        }
        return new Instruction(address, Arrays.copyOf(buf, n), n == 0 ? "(unreadable)" : "(bad)");
    }
}
