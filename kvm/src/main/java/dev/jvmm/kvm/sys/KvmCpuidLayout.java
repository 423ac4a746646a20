package dev.jvmm.kvm.sys;

import static dev.jvmm.kvm.sys.Layouts.U32;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/** {@code struct kvm_cpuid2} (count + flexible array) and {@code struct kvm_cpuid_entry2}. */
public final class KvmCpuidLayout {
    public static final StructLayout HEADER = MemoryLayout.structLayout(
            U32.withName("nent"), U32.withName("padding")).withName("kvm_cpuid2");
    public static final StructLayout ENTRY = MemoryLayout.structLayout(
            U32.withName("function"), U32.withName("index"), U32.withName("flags"),
            U32.withName("eax"), U32.withName("ebx"), U32.withName("ecx"), U32.withName("edx"),
            MemoryLayout.sequenceLayout(3, U32).withName("padding")).withName("kvm_cpuid_entry2");

    public static final long NENT = Layouts.offset(HEADER, "nent");
    public static final long FUNCTION = Layouts.offset(ENTRY, "function"), INDEX = Layouts.offset(ENTRY, "index"),
            FLAGS = Layouts.offset(ENTRY, "flags"), EAX = Layouts.offset(ENTRY, "eax"),
            EBX = Layouts.offset(ENTRY, "ebx"), ECX = Layouts.offset(ENTRY, "ecx"), EDX = Layouts.offset(ENTRY, "edx");

    public static long size(int count) {
        return HEADER.byteSize() + count * ENTRY.byteSize();
    }

    public static long entry(int i) {
        return HEADER.byteSize() + i * ENTRY.byteSize();
    }

    private KvmCpuidLayout() {}
}
