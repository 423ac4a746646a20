/**
 * The raw /dev/kvm binding: C library downcalls ({@link dev.jvmm.kvm.sys.LibC}), ioctl numbers
 * and exit codes ({@link dev.jvmm.kvm.sys.KvmApi}) and the kernel's structs as FFM
 * {@link java.lang.foreign.MemoryLayout}s (one {@code Kvm*Layout} class per struct family).
 *
 * <p>Everything here mirrors {@code linux/kvm.h} and {@code asm/kvm.h} one to one and makes no
 * decision: no exceptions beyond "the downcall itself broke", no policy. Offsets are derived from
 * named layouts ({@code layout.byteOffset(groupElement("exit_reason"))}) rather than typed in, so
 * the layout is the single source; tests compare them with a C program compiled against the real
 * headers, and with recorded numbers.
 *
 * <p>The safe, Java-shaped classes that use this binding live one package up, in
 * {@code dev.jvmm.kvm}.
 */
package dev.jvmm.kvm.sys;
