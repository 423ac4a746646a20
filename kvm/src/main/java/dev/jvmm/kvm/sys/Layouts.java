package dev.jvmm.kvm.sys;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;

/** Helpers shared by the struct layouts: C's fixed-width types and a named-field offset lookup. */
final class Layouts {
    static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT;
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG;

    private Layouts() {}

    /** The byte offset of {@code field} inside {@code struct} (nested names separated by '.'). */
    static long offset(GroupLayout struct, String field) {
        String[] parts = field.split("\\.");
        MemoryLayout.PathElement[] path = new MemoryLayout.PathElement[parts.length];
        for (int i = 0; i < parts.length; i++) path[i] = MemoryLayout.PathElement.groupElement(parts[i]);
        return struct.byteOffset(path);
    }

    static MemoryLayout pad(long bytes) {
        return MemoryLayout.paddingLayout(bytes);
    }
}
