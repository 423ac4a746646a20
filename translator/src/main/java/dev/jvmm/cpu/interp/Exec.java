package dev.jvmm.cpu.interp;

/**
 * What the interpreter runs for an opcode form that names its semantics in the opcode table
 * ({@link dev.jvmm.cpu.decode.Form#exec}). The decoded instruction is {@code in.i}; RIP already
 * points at the next instruction; a guest fault is thrown as a {@link dev.jvmm.cpu.CpuException}.
 */
@FunctionalInterface
public interface Exec {
    void execute(Interpreter in);
}
