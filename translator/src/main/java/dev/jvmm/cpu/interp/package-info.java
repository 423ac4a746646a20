/**
 * The interpreter: jvmm's reference x86 CPU, and the {@code interp} engine built on it.
 *
 * <p>{@link dev.jvmm.cpu.interp.Cpu} holds the architectural state (registers, eager flags,
 * segment registers with their hidden descriptor caches, control registers, MSRs) and the
 * segmented memory path; {@link dev.jvmm.cpu.interp.Interpreter} decodes and executes one
 * instruction at a time, with helpers per concern: {@code Alu} (flags), {@code Muldiv}, {@code Bcd},
 * {@code Strings}, {@code TwoByte} (the 0F map), {@code SystemOps} (segment loads and far
 * transfers with protected-mode checks), {@code Interrupts} (IVT/IDT delivery, #DF, triple fault),
 * {@code Descriptors}, {@code ControlRegs}, {@code Msrs}, {@code Cpuid}, {@code FastCalls}
 * (SYSCALL/SYSENTER), {@code TaskSwitch} (hardware task switches) and {@code DecodeCache} (decoded
 * instructions by physical address, checked against the current bytes).
 * {@link dev.jvmm.cpu.interp.InterpreterEngine} runs it as a {@code Vcpu} against the shared
 * {@code Platform}: port I/O, timers, interrupts and stop requests.
 *
 * <p>Guest faults are the preallocated, stackless {@link dev.jvmm.cpu.CpuException}: thrown from
 * anywhere in an instruction, caught once per instruction in {@code Interpreter.step()}.
 * Conformance: the SingleStepTests 80286 real-mode vectors ({@code SingleStepTest}).
 */
package dev.jvmm.cpu.interp;
