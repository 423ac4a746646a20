package dev.jvmm.launcher;

import dev.jvmm.core.boot.BootRequest;
import dev.jvmm.guests.Guest;
import java.util.Set;

/** Everything {@code jvmm run} decided from its command line, validated. {@code flatImage}: --kernel-format flat. */
record MachineConfig(String imageName, byte[] image, boolean flatImage, byte[] initrd, BootRequest.Unpacking unpacking, Guest guest, String commandLine, long ramBytes,
                     Engines.Choice engine, SerialTarget serial, Double timeoutSeconds, boolean virtualClock, java.time.Instant rtcStart,
                     Set<RunCommand.Trace> traces, boolean stats) {}
