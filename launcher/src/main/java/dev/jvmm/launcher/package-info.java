/**
 * The {@code jvmm} command line. {@link dev.jvmm.launcher.Main} picks the command ({@code run},
 * {@code list}, {@code help}); {@code RunCommand} rewrites the QEMU words it accepts (via
 * {@code QemuArgs}), parses its options with Apache Commons CLI and validates them into a
 * {@code MachineConfig}; {@code VirtualMachine#boot()} is the whole life of a run, top to bottom:
 * map RAM, build the PC ({@code PcBoard}), load the kernel, create the vCPU of the chosen engine, run
 * it until something ends the run, print one line saying why, return the exit status
 * ({@link dev.jvmm.launcher.ExitStatus}).
 */
package dev.jvmm.launcher;
