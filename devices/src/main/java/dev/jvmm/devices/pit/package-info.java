/**
 * Time for the guest: the 8254 programmable interval timer ({@link dev.jvmm.devices.pit.Pit8254}) and
 * port 0x61 ({@link dev.jvmm.devices.pit.SystemControlPortB}), which gates channel 2 and shows its output.
 *
 * <p>The model never counts clock by clock: a channel remembers when it was loaded and derives its
 * counter and OUT from the machine clock, and channel 0 sleeps on one {@link dev.jvmm.core.clock.TimerQueue}
 * timer until OUT's next rising edge, the moment it pulses IRQ0.
 */
package dev.jvmm.devices.pit;
