/**
 * jvmm's gdb stub: the GDB Remote Serial Protocol over TCP or a Unix-domain socket, so that
 * {@code gdb guest.elf} and {@code target remote :1234} debug a guest ({@code jvmm run -s -S}, QEMU's
 * words, or {@code --gdb tcp::PORT --gdb-wait}; {@code -gdb unix:PATH}). {@code monitor} commands
 * ({@code qRcmd}) are {@code MonitorCommands}: registers, page tables ({@code PageTableListing}),
 * physical memory, counters and the translated unit at the PC.
 *
 * <p>Pieces: {@link dev.jvmm.launcher.gdb.GdbServer} listens and hands each connection to the
 * machine's run loop; {@code PacketChannel} frames packets and watches for Ctrl-C (0x03) on a reader
 * thread of its own; {@link dev.jvmm.launcher.gdb.GdbSession} answers packets and runs the vCPU on
 * the run loop's thread (the only thread that touches the vCPU); {@code RegisterLayout} is the
 * register list behind both the {@code g} packet and {@code target.xml}; {@code DebugMemory} reads
 * and writes by linear address through the guest's page tables.
 *
 * <p>The stub sees a vCPU only through {@link dev.jvmm.core.engine.Vcpu}: {@code state()}/
 * {@code setState()}, {@code setSingleStep}, {@code run()} and {@code requestExit()}. Breakpoints
 * single-step (engines that cannot are told so); no engine hook is needed.
 *
 * <p>Across mode switches: the register layout (i386 or i386:x86-64) is chosen when gdb connects,
 * from the mode the CPU is in then, and kept for the connection, because gdb reads the target
 * description once. A 32-bit guest that later enters long mode keeps showing the low 32 bits of its
 * registers; reconnect (detach, then {@code target remote} again) to get the 64-bit layout.
 */
package dev.jvmm.launcher.gdb;
