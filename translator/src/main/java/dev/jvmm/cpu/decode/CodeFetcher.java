package dev.jvmm.cpu.decode;

/**
 * Where the decoder gets instruction bytes. {@code ip} is the offset in the code segment
 * (EIP/RIP, not yet wrapped); an implementation applies the CS limit, segmentation and paging and
 * may throw a {@link dev.jvmm.cpu.CpuException} (#GP, #PF) exactly as the instruction fetch would.
 */
@FunctionalInterface
public interface CodeFetcher {
    /** The byte at {@code CS:ip}, 0-255. */
    int fetch(long ip);
}
