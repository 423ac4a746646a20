/**
 * Guest physical memory.
 *
 * <p>A guest sees one flat physical address space. jvmm backs its RAM with a single anonymous
 * {@code mmap} wrapped in a {@link java.lang.foreign.MemorySegment}, so the interpreter, the translator
 * and /dev/kvm all read and write the very same bytes: when KVM runs the guest, the kernel maps those
 * host pages straight into the guest.
 *
 * <p>{@link dev.jvmm.core.memory.GuestMemory} adds what a PC puts around RAM: MMIO holes (sent to the
 * {@link dev.jvmm.core.bus.MmioBus}), ROM windows, the A20 gate, and "this page holds translated code"
 * marks that send writes through a slow path so the translator can notice self-modifying code.
 * An address nobody claims reads as all ones, as an ISA bus does; no guest address can reach host
 * memory outside the mapping.
 *
 * <pre>{@code
 * try (GuestMemory ram = GuestMemory.create(64 << 20)) {
 *     ram.write32(0x7C00, 0x9090F4FA);   // little-endian, like the CPU
 *     int b = ram.read8(0x7C00);         // 0xFA
 * }
 * }</pre>
 */
package dev.jvmm.core.memory;
