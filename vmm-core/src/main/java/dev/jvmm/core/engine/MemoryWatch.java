package dev.jvmm.core.engine;

/**
 * A debugger's view of the guest's data accesses (gdb watchpoints): told of every data read and
 * write by linear address, after the segment checks and before paging, as DR0-DR3 see them.
 * Instruction fetches and the CPU's own descriptor-table and stack-switch accesses are not data
 * accesses here. Called on the vCPU's thread; keep it cheap.
 */
@FunctionalInterface
public interface MemoryWatch {
    void accessed(long linear, int size, boolean write);
}
