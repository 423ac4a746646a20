/**
 * PCI: configuration mechanism #1 ({@link dev.jvmm.devices.pci.PciConfigPorts} at 0xcf8/0xcfc), bus 0
 * ({@link dev.jvmm.devices.pci.PciBus}) and the 440FX host bridge at 00:00.0
 * ({@link dev.jvmm.devices.pci.PciHostBridge}).
 *
 * <p>A guest finds PCI devices by writing an address (bus, device, function, register) to 0xcf8 and
 * reading the selected configuration dword at 0xcfc: vendor/device IDs, class code, BARs. An empty slot
 * reads 0xffffffff, which is how enumeration knows nothing is there. New devices subclass
 * {@link dev.jvmm.devices.pci.PciConfigSpace} and {@link dev.jvmm.devices.pci.PciBus#attach attach}.
 */
package dev.jvmm.devices.pci;
