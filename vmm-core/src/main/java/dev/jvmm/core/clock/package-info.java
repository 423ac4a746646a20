/**
 * Time for devices. A {@link dev.jvmm.core.clock.Clock} is either the host's monotonic clock or a
 * {@link dev.jvmm.core.clock.VirtualClock} advanced by retired guest instructions, which makes runs
 * reproducible (a PIT interrupt lands after the same instruction every time — QEMU calls this icount).
 *
 * <p>The {@link dev.jvmm.core.clock.TimerQueue} holds device deadlines and events posted from other
 * threads (console input). Everything it runs, runs on the vCPU thread, so device models need no locks.
 * When the guest executes HLT the engine calls {@code idle()}: a virtual clock jumps to the next
 * deadline, the host clock sleeps until it or until input arrives.
 */
package dev.jvmm.core.clock;
