package dev.jvmm.core.boot;

import dev.jvmm.core.cpu.CpuState;

/**
 * The result of loading a kernel: the CPU state to start from, and a one-line description of what was
 * loaded where (shown by {@code jvmm run --trace boot} and in reports).
 */
public record LoadedKernel(BootFormat format, CpuState entryState, String summary) {}
