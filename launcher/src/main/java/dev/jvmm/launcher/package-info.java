/**
 * The {@code jvmm} command line. {@link dev.jvmm.launcher.Main} parses the words (jvmm's own options
 * and the QEMU words it accepts, via {@code QemuArgs}); {@code RunCommand} validates them into a
 * {@code MachineConfig}; {@code VirtualMachine#boot()} is the whole life of a run, top to bottom:
 * map RAM, build the PC ({@code PcBoard}), load the kernel, create the vCPU of the chosen engine, run
 * it until something ends the run, print one line saying why, return the exit status
 * ({@link dev.jvmm.launcher.ExitStatus}).
 */
package dev.jvmm.launcher;
