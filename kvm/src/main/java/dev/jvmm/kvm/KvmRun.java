package dev.jvmm.kvm;

import dev.jvmm.kvm.sys.KvmApi;
import dev.jvmm.kvm.sys.KvmRunLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A named view of one vCPU's {@code kvm_run} mapping: what KVM says about the last exit, and the two
 * "in" fields the VMM sets before re-entering. All reads are plain: KVM writes them only while this
 * thread is blocked in KVM_RUN. {@code immediate_exit} is the exception, written from other threads.
 */
final class KvmRun {
    private static final VarHandle BYTE = ValueLayout.JAVA_BYTE.varHandle();
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private final MemorySegment run;

    KvmRun(MemorySegment run) {
        this.run = run;
    }

    MemorySegment segment() {
        return run;
    }

    int exitReason() {
        return run.get(U32, KvmRunLayout.EXIT_REASON);
    }

    boolean readyForInterruptInjection() {
        return run.get(ValueLayout.JAVA_BYTE, KvmRunLayout.READY_FOR_INTERRUPT_INJECTION) != 0;
    }

    /** RFLAGS.IF at the exit (valid without an in-kernel local APIC, which jvmm does not create). */
    boolean interruptsEnabled() {
        return run.get(ValueLayout.JAVA_BYTE, KvmRunLayout.IF_FLAG) != 0;
    }

    /** Ask KVM to exit with KVM_EXIT_IRQ_WINDOW_OPEN as soon as the guest can take an interrupt. */
    void requestInterruptWindow(boolean request) {
        run.set(ValueLayout.JAVA_BYTE, KvmRunLayout.REQUEST_INTERRUPT_WINDOW, (byte) (request ? 1 : 0));
    }

    /** Thread-safe: makes the next KVM_RUN return EINTR at once (checked on entry; KVM API doc 5). */
    void setImmediateExit(boolean exit) {
        BYTE.setVolatile(run, KvmRunLayout.IMMEDIATE_EXIT, (byte) (exit ? 1 : 0));
    }

    // ---- KVM_EXIT_DEBUG ----
    /** DR6 at a debug exit: B0-B3 (bits 0-3) name the debug registers that hit. */
    long debugDr6() {
        return run.get(U64, KvmRunLayout.DEBUG_DR6);
    }

    // ---- KVM_EXIT_IO ----
    boolean ioIsOut() {
        return run.get(ValueLayout.JAVA_BYTE, KvmRunLayout.IO_DIRECTION) == KvmApi.KVM_EXIT_IO_OUT;
    }

    int ioSize() {
        return run.get(ValueLayout.JAVA_BYTE, KvmRunLayout.IO_SIZE);
    }

    int ioPort() {
        return run.get(U16, KvmRunLayout.IO_PORT) & 0xFFFF;
    }

    /** More than 1 for string I/O (REP INS/OUTS): that many consecutive items of {@link #ioSize()} bytes. */
    int ioCount() {
        return run.get(U32, KvmRunLayout.IO_COUNT);
    }

    /** Where the data is, relative to the start of kvm_run. */
    long ioDataOffset() {
        return run.get(U64, KvmRunLayout.IO_DATA_OFFSET);
    }

    /** Reads a little-endian item of {@code size} (1, 2, 4, 8) bytes at {@code offset} into kvm_run. */
    long getData(long offset, int size) {
        return switch (size) {
            case 1 -> run.get(ValueLayout.JAVA_BYTE, offset) & 0xFFL;
            case 2 -> run.get(U16, offset) & 0xFFFFL;
            case 4 -> run.get(U32, offset) & 0xFFFF_FFFFL;
            case 8 -> run.get(U64, offset);
            default -> {
                long v = 0;
                for (int i = 0; i < size; i++) v |= (run.get(ValueLayout.JAVA_BYTE, offset + i) & 0xFFL) << (8 * i);
                yield v;
            }
        };
    }

    void putData(long offset, int size, long value) {
        for (int i = 0; i < size; i++) run.set(ValueLayout.JAVA_BYTE, offset + i, (byte) (value >>> (8 * i)));
    }

    // ---- KVM_EXIT_MMIO ----
    long mmioAddress() {
        return run.get(U64, KvmRunLayout.MMIO_PHYS_ADDR);
    }

    int mmioLength() {
        return run.get(U32, KvmRunLayout.MMIO_LEN);
    }

    boolean mmioIsWrite() {
        return run.get(ValueLayout.JAVA_BYTE, KvmRunLayout.MMIO_IS_WRITE) != 0;
    }

    // ---- KVM_EXIT_INTERNAL_ERROR / FAIL_ENTRY / UNKNOWN ----
    int internalSuberror() {
        return run.get(U32, KvmRunLayout.INTERNAL_SUBERROR);
    }

    int internalDataCount() {
        return Math.min(16, run.get(U32, KvmRunLayout.INTERNAL_NDATA));
    }

    long internalData(int i) {
        return run.get(U64, KvmRunLayout.INTERNAL_DATA + 8L * i);
    }

    long emulationFlags() {
        return run.get(U64, KvmRunLayout.EMULATION_FLAGS);
    }

    byte[] emulationInstructionBytes() {
        int n = Math.min(15, run.get(ValueLayout.JAVA_BYTE, KvmRunLayout.EMULATION_INSN_SIZE) & 0xFF);
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) bytes[i] = run.get(ValueLayout.JAVA_BYTE, KvmRunLayout.EMULATION_INSN_BYTES + i);
        return bytes;
    }

    long failEntryReason() {
        return run.get(U64, KvmRunLayout.FAIL_ENTRY_REASON);
    }

    int failEntryCpu() {
        return run.get(U32, KvmRunLayout.FAIL_ENTRY_CPU);
    }

    long hardwareExitReason() {
        return run.get(U64, KvmRunLayout.HW_EXIT_REASON);
    }
}
