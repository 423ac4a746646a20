package dev.jvmm.kvm.sys;

import static dev.jvmm.kvm.sys.Layouts.U16;
import static dev.jvmm.kvm.sys.Layouts.U32;
import static dev.jvmm.kvm.sys.Layouts.U64;
import static dev.jvmm.kvm.sys.Layouts.U8;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct kvm_run} (linux/kvm.h): the page(s) shared between KVM and the VMM, mapped from the
 * vCPU file descriptor. A fixed header is followed by a union describing the last exit; only the
 * union members jvmm reads are laid out here, each at {@link #EXIT_UNION}. Port I/O data does not
 * live in the struct: it sits at {@code kvm_run + io.data_offset}, usually the next page.
 */
public final class KvmRunLayout {
    public static final StructLayout HEADER = MemoryLayout.structLayout(
            U8.withName("request_interrupt_window"), U8.withName("immediate_exit"),
            MemoryLayout.sequenceLayout(6, U8).withName("padding1"),
            U32.withName("exit_reason"), U8.withName("ready_for_interrupt_injection"), U8.withName("if_flag"),
            U16.withName("flags"), U64.withName("cr8"), U64.withName("apic_base")).withName("kvm_run");

    /** {@code io} member: KVM_EXIT_IO. */
    public static final StructLayout IO = MemoryLayout.structLayout(
            U8.withName("direction"), U8.withName("size"), U16.withName("port"), U32.withName("count"),
            U64.withName("data_offset")).withName("io");

    /** {@code mmio} member: KVM_EXIT_MMIO. */
    public static final StructLayout MMIO = MemoryLayout.structLayout(
            U64.withName("phys_addr"), MemoryLayout.sequenceLayout(8, U8).withName("data"), U32.withName("len"),
            U8.withName("is_write"), Layouts.pad(3)).withName("mmio");

    /** {@code internal} member (and its {@code emulation_failure} overlay): KVM_EXIT_INTERNAL_ERROR. */
    public static final StructLayout INTERNAL = MemoryLayout.structLayout(
            U32.withName("suberror"), U32.withName("ndata"),
            MemoryLayout.sequenceLayout(16, U64).withName("data")).withName("internal");
    public static final StructLayout EMULATION_FAILURE = MemoryLayout.structLayout(
            U32.withName("suberror"), U32.withName("ndata"), U64.withName("flags"),
            U8.withName("insn_size"), MemoryLayout.sequenceLayout(15, U8).withName("insn_bytes"))
            .withName("emulation_failure");

    /** {@code debug.arch} member (struct kvm_debug_exit_arch): KVM_EXIT_DEBUG. */
    public static final StructLayout DEBUG = MemoryLayout.structLayout(
            U32.withName("exception"), U32.withName("pad"), U64.withName("pc"), U64.withName("dr6"),
            U64.withName("dr7")).withName("debug");

    /** {@code fail_entry} member: KVM_EXIT_FAIL_ENTRY. */
    public static final StructLayout FAIL_ENTRY = MemoryLayout.structLayout(
            U64.withName("hardware_entry_failure_reason"), U32.withName("cpu"), Layouts.pad(4))
            .withName("fail_entry");

    public static final long REQUEST_INTERRUPT_WINDOW = Layouts.offset(HEADER, "request_interrupt_window"),
            IMMEDIATE_EXIT = Layouts.offset(HEADER, "immediate_exit"),
            EXIT_REASON = Layouts.offset(HEADER, "exit_reason"),
            READY_FOR_INTERRUPT_INJECTION = Layouts.offset(HEADER, "ready_for_interrupt_injection"),
            IF_FLAG = Layouts.offset(HEADER, "if_flag"), CR8 = Layouts.offset(HEADER, "cr8");

    /** Where the exit-description union starts (right after the header; no s390 fields on x86). */
    public static final long EXIT_UNION = HEADER.byteSize();

    public static final long IO_DIRECTION = EXIT_UNION + Layouts.offset(IO, "direction"),
            IO_SIZE = EXIT_UNION + Layouts.offset(IO, "size"), IO_PORT = EXIT_UNION + Layouts.offset(IO, "port"),
            IO_COUNT = EXIT_UNION + Layouts.offset(IO, "count"),
            IO_DATA_OFFSET = EXIT_UNION + Layouts.offset(IO, "data_offset");

    public static final long MMIO_PHYS_ADDR = EXIT_UNION + Layouts.offset(MMIO, "phys_addr"),
            MMIO_DATA = EXIT_UNION + Layouts.offset(MMIO, "data"), MMIO_LEN = EXIT_UNION + Layouts.offset(MMIO, "len"),
            MMIO_IS_WRITE = EXIT_UNION + Layouts.offset(MMIO, "is_write");

    public static final long INTERNAL_SUBERROR = EXIT_UNION + Layouts.offset(INTERNAL, "suberror"),
            INTERNAL_NDATA = EXIT_UNION + Layouts.offset(INTERNAL, "ndata"),
            INTERNAL_DATA = EXIT_UNION + Layouts.offset(INTERNAL, "data"),
            EMULATION_FLAGS = EXIT_UNION + Layouts.offset(EMULATION_FAILURE, "flags"),
            EMULATION_INSN_SIZE = EXIT_UNION + Layouts.offset(EMULATION_FAILURE, "insn_size"),
            EMULATION_INSN_BYTES = EXIT_UNION + Layouts.offset(EMULATION_FAILURE, "insn_bytes");

    public static final long DEBUG_DR6 = EXIT_UNION + Layouts.offset(DEBUG, "dr6");

    public static final long FAIL_ENTRY_REASON = EXIT_UNION + Layouts.offset(FAIL_ENTRY, "hardware_entry_failure_reason"),
            FAIL_ENTRY_CPU = EXIT_UNION + Layouts.offset(FAIL_ENTRY, "cpu");

    public static final long DEBUG_EXCEPTION = EXIT_UNION + Layouts.offset(DEBUG, "exception"),
            DEBUG_PC = EXIT_UNION + Layouts.offset(DEBUG, "pc");

    /** The union's first u64: {@code hw.hardware_exit_reason} for KVM_EXIT_UNKNOWN. */
    public static final long HW_EXIT_REASON = EXIT_UNION;

    private KvmRunLayout() {}
}
