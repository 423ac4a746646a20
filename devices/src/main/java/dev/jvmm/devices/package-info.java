/**
 * jvmm's PC device models: the legacy chips a PC-compatible guest expects, written once and shared by
 * every engine (interpreter, translator, /dev/kvm).
 *
 * <p>Each device is a plain state machine over register offsets: it implements vmm-core's
 * {@link dev.jvmm.core.bus.PortDevice}, never knows its absolute port, gets its interrupt wires as
 * injected {@link dev.jvmm.core.irq.IrqLine}s and reads time from the machine's
 * {@link dev.jvmm.core.clock.TimerQueue} / {@link dev.jvmm.core.clock.Clock}. All device state is touched
 * on the vCPU thread only; input from other threads (a console) arrives through
 * {@link dev.jvmm.core.clock.TimerQueue#post}. With a {@link dev.jvmm.core.clock.VirtualClock} every
 * timer interrupt and every clock read is deterministic.
 *
 * <p>Subpackages: {@code serial} (16550A UART), {@code pic} (8259A pair + ELCR), {@code pit} (8254 +
 * port 0x61), {@code rtc} (MC146818 RTC/CMOS), {@code i8042} (keyboard controller, A20, reset),
 * {@code misc} (port 0x92, isa-debug-exit, POST port), {@code pci} (type-1 configuration + host bridge)
 * and {@code pc}, which assembles them into a {@link dev.jvmm.core.engine.Platform}.
 *
 * <p>Rule for every device: any value, any width, any register — the guest never gets a Java exception.
 * {@link dev.jvmm.devices.ByteRegisterDevice} splits wide accesses into byte cycles as the ISA bus does.
 */
package dev.jvmm.devices;
