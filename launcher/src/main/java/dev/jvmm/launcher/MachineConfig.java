package dev.jvmm.launcher;

import dev.jvmm.core.boot.BootRequest;
import dev.jvmm.guests.Guest;
import java.util.Set;

/**
 * Everything {@code jvmm run} decided from its command line, validated. {@code flatImage}: --kernel-format flat;
 * {@code devices}: the QEMU test devices to add; {@code x2apic}/{@code tscDeadline}: the CPU model's local APIC
 * features; {@code vcpus}: how many vCPUs (-smp); {@code gdb}: where the gdb stub
 * listens (null: no stub), {@code gdbWait}: stay stopped before the first instruction until gdb connects (-S);
 * {@code traceFile}: where traces go (null: standard error).
 */
record MachineConfig(String imageName, byte[] image, boolean flatImage, byte[] initrd, BootRequest.Unpacking unpacking, Guest guest, String commandLine, long ramBytes,
                     Engines.Choice engine, SerialTarget serial, Double timeoutSeconds, boolean virtualClock, java.time.Instant rtcStart,
                     Set<RunCommand.Trace> traces, boolean stats, Set<String> devices, boolean x2apic, boolean tscDeadline,
                     int vcpus, String gdb, boolean gdbWait, java.nio.file.Path traceFile) {}
