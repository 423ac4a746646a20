/**
 * QEMU's fw_cfg interface ({@link dev.jvmm.devices.fwcfg.FwCfg}): how kvm-unit-tests and firmware learn the
 * CPU count, RAM size, command line and named blobs (e820 map) of the machine.
 */
package dev.jvmm.devices.fwcfg;
