/**
 * The x87 floating-point unit of the software CPU: its architectural state ({@link dev.jvmm.cpu.fpu.X87}),
 * shared by the interpreter, translated units and the {@code CpuState} exchange format.
 */
package dev.jvmm.cpu.fpu;
