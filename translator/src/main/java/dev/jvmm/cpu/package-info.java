/**
 * jvmm's software x86 CPU: {@link dev.jvmm.cpu.decode} turns bytes into instruction records,
 * {@link dev.jvmm.cpu.mmu} turns linear addresses into physical ones (paging with a TLB) and
 * {@link dev.jvmm.cpu.interp} executes instructions one by one: the reference CPU that the bytecode
 * translator and the KVM engine are checked against. Guest faults travel as the stackless,
 * reusable {@link dev.jvmm.cpu.CpuException}.
 */
package dev.jvmm.cpu;
