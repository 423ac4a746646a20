package dev.jvmm.kvm.sys;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every size and offset the Java binding uses, by the C expression that computes it. The same
 * table feeds both checks: the C program generated from the keys, and the recorded values.
 */
final class StructOffsets {
    private StructOffsets() {}

    /** C expression (sizeof/offsetof over linux/kvm.h) -> the value the Java layouts give. */
    static Map<String, Long> javaValues() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("sizeof(struct kvm_regs)", KvmRegsLayout.LAYOUT.byteSize());
        m.put("offsetof(struct kvm_regs, rcx)", KvmRegsLayout.gprOffset(1));
        m.put("offsetof(struct kvm_regs, rbx)", KvmRegsLayout.gprOffset(3));
        m.put("offsetof(struct kvm_regs, rsp)", KvmRegsLayout.gprOffset(4));
        m.put("offsetof(struct kvm_regs, rdi)", KvmRegsLayout.gprOffset(7));
        m.put("offsetof(struct kvm_regs, r15)", KvmRegsLayout.gprOffset(15));
        m.put("offsetof(struct kvm_regs, rip)", KvmRegsLayout.RIP);
        m.put("offsetof(struct kvm_regs, rflags)", KvmRegsLayout.RFLAGS);

        m.put("sizeof(struct kvm_segment)", KvmSregsLayout.SEGMENT.byteSize());
        m.put("offsetof(struct kvm_segment, limit)", KvmSregsLayout.SEG_LIMIT);
        m.put("offsetof(struct kvm_segment, selector)", KvmSregsLayout.SEG_SELECTOR);
        m.put("offsetof(struct kvm_segment, type)", KvmSregsLayout.SEG_TYPE);
        m.put("offsetof(struct kvm_segment, present)", KvmSregsLayout.SEG_PRESENT);
        m.put("offsetof(struct kvm_segment, dpl)", KvmSregsLayout.SEG_DPL);
        m.put("offsetof(struct kvm_segment, db)", KvmSregsLayout.SEG_DB);
        m.put("offsetof(struct kvm_segment, s)", KvmSregsLayout.SEG_S);
        m.put("offsetof(struct kvm_segment, l)", KvmSregsLayout.SEG_L);
        m.put("offsetof(struct kvm_segment, g)", KvmSregsLayout.SEG_G);
        m.put("offsetof(struct kvm_segment, avl)", KvmSregsLayout.SEG_AVL);
        m.put("offsetof(struct kvm_segment, unusable)", KvmSregsLayout.SEG_UNUSABLE);
        m.put("sizeof(struct kvm_dtable)", KvmSregsLayout.DTABLE.byteSize());
        m.put("offsetof(struct kvm_dtable, limit)", KvmSregsLayout.DT_LIMIT);
        m.put("sizeof(struct kvm_sregs)", KvmSregsLayout.LAYOUT.byteSize());
        for (String seg : KvmSregsLayout.SEGMENTS) {
            m.put("offsetof(struct kvm_sregs, " + seg + ")", KvmSregsLayout.segment(seg));
        }
        m.put("offsetof(struct kvm_sregs, gdt)", KvmSregsLayout.GDT);
        m.put("offsetof(struct kvm_sregs, idt)", KvmSregsLayout.IDT);
        m.put("offsetof(struct kvm_sregs, cr0)", KvmSregsLayout.CR0);
        m.put("offsetof(struct kvm_sregs, cr2)", KvmSregsLayout.CR2);
        m.put("offsetof(struct kvm_sregs, cr3)", KvmSregsLayout.CR3);
        m.put("offsetof(struct kvm_sregs, cr4)", KvmSregsLayout.CR4);
        m.put("offsetof(struct kvm_sregs, cr8)", KvmSregsLayout.CR8);
        m.put("offsetof(struct kvm_sregs, efer)", KvmSregsLayout.EFER);
        m.put("offsetof(struct kvm_sregs, apic_base)", KvmSregsLayout.APIC_BASE);
        m.put("offsetof(struct kvm_sregs, interrupt_bitmap)", KvmSregsLayout.INTERRUPT_BITMAP);

        m.put("sizeof(struct kvm_fpu)", KvmFpuLayout.LAYOUT.byteSize());
        m.put("offsetof(struct kvm_fpu, fcw)", KvmFpuLayout.FCW);
        m.put("offsetof(struct kvm_fpu, ftwx)", KvmFpuLayout.FTWX);
        m.put("offsetof(struct kvm_fpu, xmm)", KvmFpuLayout.XMM);
        m.put("offsetof(struct kvm_fpu, mxcsr)", KvmFpuLayout.MXCSR);

        m.put("sizeof(struct kvm_msrs)", KvmMsrsLayout.HEADER.byteSize());
        m.put("sizeof(struct kvm_msr_entry)", KvmMsrsLayout.ENTRY.byteSize());
        m.put("offsetof(struct kvm_msr_entry, data)", KvmMsrsLayout.ENTRY_DATA);
        m.put("sizeof(struct kvm_cpuid2)", KvmCpuidLayout.HEADER.byteSize());
        m.put("sizeof(struct kvm_cpuid_entry2)", KvmCpuidLayout.ENTRY.byteSize());
        m.put("offsetof(struct kvm_cpuid_entry2, flags)", KvmCpuidLayout.FLAGS);
        m.put("offsetof(struct kvm_cpuid_entry2, ecx)", KvmCpuidLayout.ECX);
        m.put("offsetof(struct kvm_cpuid_entry2, edx)", KvmCpuidLayout.EDX);
        m.put("sizeof(struct kvm_userspace_memory_region)", KvmMemoryRegionLayout.LAYOUT.byteSize());
        m.put("offsetof(struct kvm_userspace_memory_region, guest_phys_addr)", KvmMemoryRegionLayout.GUEST_PHYS_ADDR);
        m.put("offsetof(struct kvm_userspace_memory_region, memory_size)", KvmMemoryRegionLayout.MEMORY_SIZE);
        m.put("offsetof(struct kvm_userspace_memory_region, userspace_addr)", KvmMemoryRegionLayout.USERSPACE_ADDR);
        m.put("sizeof(struct kvm_translation)", KvmTranslationLayout.LAYOUT.byteSize());
        m.put("offsetof(struct kvm_translation, valid)", KvmTranslationLayout.VALID);

        m.put("sizeof(struct kvm_debugregs)", KvmDebugregsLayout.LAYOUT.byteSize());
        m.put("offsetof(struct kvm_debugregs, dr6)", KvmDebugregsLayout.DR6);
        m.put("offsetof(struct kvm_debugregs, dr7)", KvmDebugregsLayout.DR7);
        m.put("offsetof(struct kvm_debugregs, flags)", KvmDebugregsLayout.FLAGS);
        m.put("sizeof(struct kvm_vcpu_events)", KvmVcpuEventsLayout.LAYOUT.byteSize());
        m.put("offsetof(struct kvm_vcpu_events, interrupt.shadow)", KvmVcpuEventsLayout.INTERRUPT_SHADOW);
        m.put("offsetof(struct kvm_vcpu_events, flags)", KvmVcpuEventsLayout.FLAGS);
        m.put("offsetof(struct kvm_vcpu_events, exception_payload)",
                Layouts.offset(KvmVcpuEventsLayout.LAYOUT, "exception_payload"));
        m.put("KVM_VCPUEVENT_VALID_SHADOW", (long) KvmVcpuEventsLayout.KVM_VCPUEVENT_VALID_SHADOW);
        m.put("KVM_X86_SHADOW_INT_STI", (long) KvmVcpuEventsLayout.KVM_X86_SHADOW_INT_STI);
        m.put("offsetof(struct kvm_run, immediate_exit)", KvmRunLayout.IMMEDIATE_EXIT);
        m.put("offsetof(struct kvm_run, exit_reason)", KvmRunLayout.EXIT_REASON);
        m.put("offsetof(struct kvm_run, ready_for_interrupt_injection)", KvmRunLayout.READY_FOR_INTERRUPT_INJECTION);
        m.put("offsetof(struct kvm_run, if_flag)", KvmRunLayout.IF_FLAG);
        m.put("offsetof(struct kvm_run, cr8)", KvmRunLayout.CR8);
        m.put("offsetof(struct kvm_run, io.direction)", KvmRunLayout.IO_DIRECTION);
        m.put("offsetof(struct kvm_run, io.size)", KvmRunLayout.IO_SIZE);
        m.put("offsetof(struct kvm_run, io.port)", KvmRunLayout.IO_PORT);
        m.put("offsetof(struct kvm_run, io.count)", KvmRunLayout.IO_COUNT);
        m.put("offsetof(struct kvm_run, io.data_offset)", KvmRunLayout.IO_DATA_OFFSET);
        m.put("offsetof(struct kvm_run, mmio.phys_addr)", KvmRunLayout.MMIO_PHYS_ADDR);
        m.put("offsetof(struct kvm_run, mmio.data)", KvmRunLayout.MMIO_DATA);
        m.put("offsetof(struct kvm_run, mmio.len)", KvmRunLayout.MMIO_LEN);
        m.put("offsetof(struct kvm_run, mmio.is_write)", KvmRunLayout.MMIO_IS_WRITE);
        m.put("offsetof(struct kvm_run, internal.suberror)", KvmRunLayout.INTERNAL_SUBERROR);
        m.put("offsetof(struct kvm_run, internal.ndata)", KvmRunLayout.INTERNAL_NDATA);
        m.put("offsetof(struct kvm_run, internal.data)", KvmRunLayout.INTERNAL_DATA);
        m.put("offsetof(struct kvm_run, emulation_failure.flags)", KvmRunLayout.EMULATION_FLAGS);
        m.put("offsetof(struct kvm_run, emulation_failure.insn_size)", KvmRunLayout.EMULATION_INSN_SIZE);
        m.put("offsetof(struct kvm_run, emulation_failure.insn_bytes)", KvmRunLayout.EMULATION_INSN_BYTES);
        m.put("offsetof(struct kvm_run, fail_entry.hardware_entry_failure_reason)", KvmRunLayout.FAIL_ENTRY_REASON);
        m.put("offsetof(struct kvm_run, fail_entry.cpu)", KvmRunLayout.FAIL_ENTRY_CPU);
        m.put("offsetof(struct kvm_run, hw.hardware_exit_reason)", KvmRunLayout.HW_EXIT_REASON);

        m.put("KVM_GET_API_VERSION", KvmApi.KVM_GET_API_VERSION);
        m.put("KVM_CREATE_VM", KvmApi.KVM_CREATE_VM);
        m.put("KVM_CHECK_EXTENSION", KvmApi.KVM_CHECK_EXTENSION);
        m.put("KVM_GET_VCPU_MMAP_SIZE", KvmApi.KVM_GET_VCPU_MMAP_SIZE);
        m.put("KVM_GET_SUPPORTED_CPUID", KvmApi.KVM_GET_SUPPORTED_CPUID);
        m.put("KVM_CREATE_VCPU", KvmApi.KVM_CREATE_VCPU);
        m.put("KVM_SET_USER_MEMORY_REGION", KvmApi.KVM_SET_USER_MEMORY_REGION);
        m.put("KVM_SET_TSS_ADDR", KvmApi.KVM_SET_TSS_ADDR);
        m.put("KVM_RUN", KvmApi.KVM_RUN);
        m.put("KVM_GET_REGS", KvmApi.KVM_GET_REGS);
        m.put("KVM_SET_REGS", KvmApi.KVM_SET_REGS);
        m.put("KVM_GET_SREGS", KvmApi.KVM_GET_SREGS);
        m.put("KVM_SET_SREGS", KvmApi.KVM_SET_SREGS);
        m.put("KVM_TRANSLATE", KvmApi.KVM_TRANSLATE);
        m.put("KVM_INTERRUPT", KvmApi.KVM_INTERRUPT);
        m.put("KVM_GET_MSRS", KvmApi.KVM_GET_MSRS);
        m.put("KVM_SET_MSRS", KvmApi.KVM_SET_MSRS);
        m.put("KVM_SET_SIGNAL_MASK", KvmApi.KVM_SET_SIGNAL_MASK);
        m.put("KVM_GET_FPU", KvmApi.KVM_GET_FPU);
        m.put("KVM_SET_FPU", KvmApi.KVM_SET_FPU);
        m.put("KVM_SET_CPUID2", KvmApi.KVM_SET_CPUID2);
        m.put("KVM_GET_VCPU_EVENTS", KvmApi.KVM_GET_VCPU_EVENTS);
        m.put("KVM_SET_VCPU_EVENTS", KvmApi.KVM_SET_VCPU_EVENTS);
        m.put("KVM_SET_GUEST_DEBUG", KvmApi.KVM_SET_GUEST_DEBUG);
        m.put("KVM_GUESTDBG_SINGLESTEP", (long) KvmGuestDebugLayout.KVM_GUESTDBG_SINGLESTEP);
        m.put("sizeof(struct kvm_guest_debug)", KvmGuestDebugLayout.LAYOUT.byteSize());
        m.put("offsetof(struct kvm_run, debug.arch.exception)", KvmRunLayout.DEBUG_EXCEPTION);
        m.put("offsetof(struct kvm_run, debug.arch.pc)", KvmRunLayout.DEBUG_PC);
        m.put("KVM_EXIT_DEBUG", (long) KvmApi.KVM_EXIT_DEBUG);
        m.put("KVM_GET_DEBUGREGS", KvmApi.KVM_GET_DEBUGREGS);
        m.put("KVM_SET_DEBUGREGS", KvmApi.KVM_SET_DEBUGREGS);
        m.put("KVM_CAP_VCPU_EVENTS", (long) KvmApi.KVM_CAP_VCPU_EVENTS);
        m.put("KVM_CAP_DEBUGREGS", (long) KvmApi.KVM_CAP_DEBUGREGS);
        m.put("KVM_CAP_NR_MEMSLOTS", (long) KvmApi.KVM_CAP_NR_MEMSLOTS);
        m.put("KVM_CAP_IMMEDIATE_EXIT", (long) KvmApi.KVM_CAP_IMMEDIATE_EXIT);
        m.put("KVM_EXIT_IO", (long) KvmApi.KVM_EXIT_IO);
        m.put("KVM_EXIT_HLT", (long) KvmApi.KVM_EXIT_HLT);
        m.put("KVM_EXIT_MMIO", (long) KvmApi.KVM_EXIT_MMIO);
        m.put("KVM_EXIT_IRQ_WINDOW_OPEN", (long) KvmApi.KVM_EXIT_IRQ_WINDOW_OPEN);
        m.put("KVM_EXIT_SHUTDOWN", (long) KvmApi.KVM_EXIT_SHUTDOWN);
        m.put("KVM_EXIT_FAIL_ENTRY", (long) KvmApi.KVM_EXIT_FAIL_ENTRY);
        m.put("KVM_EXIT_INTR", (long) KvmApi.KVM_EXIT_INTR);
        m.put("KVM_EXIT_INTERNAL_ERROR", (long) KvmApi.KVM_EXIT_INTERNAL_ERROR);
        m.put("KVM_EXIT_SYSTEM_EVENT", (long) KvmApi.KVM_EXIT_SYSTEM_EVENT);
        m.put("KVM_INTERNAL_ERROR_EMULATION", (long) KvmApi.KVM_INTERNAL_ERROR_EMULATION);
        return m;
    }
}
