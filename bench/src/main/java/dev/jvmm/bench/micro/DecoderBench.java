package dev.jvmm.bench.micro;

import dev.jvmm.cpu.decode.CodeFetcher;
import dev.jvmm.cpu.decode.Decoder;
import dev.jvmm.cpu.decode.Insn;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoder throughput on a mix of typical compiled 32-bit code: prologue, ModRM/SIB memory operands,
 * immediates, 0F-map opcodes, an operand-size prefix, REP, branches. One benchmark operation is one
 * instruction decoded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class DecoderBench {
    /** The instructions, one per row, with the length each must decode to. */
    static final int[][] CODE = {
        {0x55},                                     // push ebp
        {0x89, 0xE5},                               // mov ebp, esp
        {0x83, 0xEC, 0x10},                         // sub esp, 16
        {0x8B, 0x44, 0x8B, 0x08},                   // mov eax, [ebx+ecx*4+8]
        {0x05, 0x78, 0x56, 0x34, 0x12},             // add eax, 0x12345678
        {0x83, 0x7D, 0xFC, 0x10},                   // cmp dword [ebp-4], 16
        {0x0F, 0xB6, 0x06},                         // movzx eax, byte [esi]
        {0x0F, 0xAF, 0xC1},                         // imul eax, ecx
        {0x8D, 0x76, 0x00},                         // lea esi, [esi+0]
        {0x66, 0x89, 0x07},                         // mov [edi], ax
        {0xF3, 0xA5},                               // rep movsd
        {0xC7, 0x45, 0xF8, 0x00, 0x00, 0x00, 0x00}, // mov dword [ebp-8], 0
        {0xE8, 0x00, 0x00, 0x00, 0x00},             // call rel32
        {0x75, 0xF0},                               // jnz rel8
        {0xC3},                                     // ret
    };
    static final int INSTRUCTIONS = 15;

    final Decoder decoder = new Decoder();
    final Insn insn = new Insn();
    byte[] bytes;
    CodeFetcher fetcher;

    @Setup
    public void setUp() {
        bytes = new byte[Arrays.stream(CODE).mapToInt(r -> r.length).sum()];
        int at = 0;
        for (int[] row : CODE) for (int b : row) bytes[at++] = (byte) b;
        byte[] code = bytes;
        fetcher = ip -> code[(int) ip] & 0xFF;
        // Benchmark only a decoder that gets the mix right.
        long ip = 0;
        for (int[] row : CODE) {
            decoder.decode(fetcher, ip, 32, insn);
            if (insn.length != row.length) {
                throw new IllegalStateException("decoder gives length " + insn.length + " for " + Arrays.toString(row));
            }
            ip += insn.length;
        }
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long decodeMix32() {
        long ip = 0;
        long sum = 0;
        while (ip < bytes.length) {
            decoder.decode(fetcher, ip, 32, insn);
            ip += insn.length;
            sum += insn.opcode;
        }
        return sum;
    }
}
