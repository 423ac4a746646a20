package dev.jvmm.devices.pc;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.engine.Platform;
import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.core.irq.GsiRouting;
import dev.jvmm.core.irq.IrqLine;
import dev.jvmm.core.memory.E820Map;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.devices.acpi.AcpiPmBlock;
import dev.jvmm.devices.acpi.AcpiTables;
import dev.jvmm.devices.apic.ApicBus;
import dev.jvmm.devices.apic.LocalApic;
import dev.jvmm.devices.apic.XapicWindow;
import dev.jvmm.devices.fwcfg.FwCfg;
import dev.jvmm.devices.i8042.I8042Controller;
import dev.jvmm.devices.ioapic.Ioapic;
import dev.jvmm.devices.misc.DebugExitPort;
import dev.jvmm.devices.misc.PcTestDevice;
import dev.jvmm.devices.misc.PostCodePort;
import dev.jvmm.devices.misc.SystemControlPortA;
import dev.jvmm.devices.pci.PciBus;
import dev.jvmm.devices.pci.PciConfigPorts;
import dev.jvmm.devices.pci.PciHostBridge;
import dev.jvmm.devices.pci.PciTestDevice;
import dev.jvmm.devices.pic.PicPair;
import dev.jvmm.devices.pit.Pit8254;
import dev.jvmm.devices.pit.SystemControlPortB;
import dev.jvmm.devices.rtc.Mc146818;
import dev.jvmm.devices.serial.SerialSink;
import dev.jvmm.devices.serial.Uart16550;
import java.time.Instant;

/**
 * The standard PC's legacy devices, created, placed on a {@link PortBus} and wired to their IRQs —
 * everything an engine needs, returned as a {@link Platform}.
 *
 * <pre>{@code
 * GuestMemory memory = GuestMemory.create(64 << 20);
 * TimerQueue timers = new TimerQueue(new VirtualClock(1));
 * PcBoard board = PcBoard.create(memory, timers, PcBoard.Options.defaults().withCom1(AsyncStreamSink.stdout()));
 * Platform platform = board.platform();   // hand to the engine
 * board.com1().offerInput(bytes, 0, n);   // console input, from any thread
 * }</pre>
 *
 * <p>Port map and IRQs (see {@link #describePorts()} for the live list):
 * <pre>
 *   0x0020-0x0021  PIC master             0x00a0-0x00a1  PIC slave       0x04d0-0x04d1  ELCR
 *   0x0040-0x0043  PIT (IRQ0)             0x0061         port B (PIT channel 2 gate, speaker)
 *   0x0060, 0x0064 i8042 (IRQ1, IRQ12)    0x0070-0x0071  RTC/CMOS (IRQ8)
 *   0x0080         POST codes             0x0092         port A (fast A20, fast reset)
 *   0x00f4-0x00f7  isa-debug-exit         0x0cf8-0x0cff  PCI configuration (00:00.0 host bridge; 0xcf9 reset)
 *   0x03f8-0x03ff  COM1 (IRQ4)            0x02f8-0x02ff  COM2 (IRQ3)
 *   0x0510-0x0511  fw_cfg                 0x00e0-0x00eb, 0x2000-0x2017  pc-testdev (opt-in)
 *   0x0600-0x060b  ACPI PM1a event/control, PM timer (SCI = IRQ9)
 * </pre>
 * Firmware: the ACPI tables ({@link AcpiTables}) in the BIOS area, RSDP at 0xF0000 ({@link #acpi()}),
 * with one MADT processor entry per local APIC.
 * MMIO: the IOAPIC at 0xFEC00000, the local APIC's xAPIC page at 0xFEE00000. Every ISA IRQ wire is a
 * GSI ({@link #gsis()}) reaching both the 8259A pair and the IOAPIC (IRQ0 on pin 2); each vCPU sees the
 * interrupt controllers through its local APIC, with the 8259A pair behind LINT0 (ExtINT).
 * Room is left for PCI devices ({@link #pci()}).
 */
public final class PcBoard {
    /**
     * What the launcher chooses.
     *
     * @param com1     where COM1's output goes
     * @param com2     where COM2's output goes
     * @param rtcStart the RTC's wall-clock time at machine clock 0 (fix it for reproducible runs)
     * @param pcTestDevice QEMU's pc-testdev is present (kvm-unit-tests)
     * @param pciTestDevice QEMU's pci-testdev is present
     * @param cpus     how many vCPUs (local APICs, MADT entries, fw_cfg's CPU count): 1 to {@link #MAX_CPUS}
     */
    public record Options(SerialSink com1, SerialSink com2, Instant rtcStart, boolean pcTestDevice,
                          boolean pciTestDevice, int cpus) {
        public Options {
            if (cpus < 1 || cpus > MAX_CPUS) throw new IllegalArgumentException("a PC has 1 to " + MAX_CPUS + " CPUs here, not " + cpus);
        }

        /** Both serial ports disconnected; the RTC starts at the host's current time; no test devices; one CPU. */
        public static Options defaults() {
            return new Options(SerialSink.DISCARD, SerialSink.DISCARD, Instant.now(), false, false, 1);
        }

        /** {@code n} vCPUs, each with its local APIC (APIC ID = index) and MADT entry. */
        public Options withCpus(int n) {
            return new Options(com1, com2, rtcStart, pcTestDevice, pciTestDevice, n);
        }

        public Options withCom1(SerialSink sink) {
            return new Options(sink, com2, rtcStart, pcTestDevice, pciTestDevice, cpus);
        }

        public Options withCom2(SerialSink sink) {
            return new Options(com1, sink, rtcStart, pcTestDevice, pciTestDevice, cpus);
        }

        public Options withRtcStart(Instant start) {
            return new Options(com1, com2, start, pcTestDevice, pciTestDevice, cpus);
        }

        /** QEMU's {@code -device pc-testdev}: ports 0xe0-0xeb, the GSI ports 0x2000-0x2017, MMIO at 0xff000000. */
        public Options withPcTestDevice(boolean present) {
            return new Options(com1, com2, rtcStart, present, pciTestDevice, cpus);
        }

        /** QEMU's {@code -device pci-testdev} at 00:03.0 (IDs only, see {@link PciTestDevice}). */
        public Options withPciTestDevice(boolean present) {
            return new Options(com1, com2, rtcStart, pcTestDevice, present, cpus);
        }
    }

    private final GuestMemory memory;
    private final TimerQueue timers;
    private final PortBus ports = new PortBus();
    private final StopRequest stop = new StopRequest();
    /** Interrupt pins of the IOAPIC-era PC: GSI 0-15 are the ISA IRQs, 16-23 PCI and the rest. */
    public static final int GSI_COUNT = 24;
    /** The most vCPUs a board is built for: xAPIC IDs are 8 bits and 0xFF is broadcast. */
    public static final int MAX_CPUS = 254;
    /** ISA IRQs, each its own GSI. */
    public static final int ISA_IRQ_COUNT = 16;

    private final PicPair pic = new PicPair();
    private final GsiRouting gsis = new GsiRouting(GSI_COUNT);
    private final ApicBus apicBus = new ApicBus();
    private final LocalApic bspApic;
    private final Ioapic ioapic = new Ioapic(apicBus);
    private final Uart16550 com1;
    private final Uart16550 com2;
    private final PostCodePort post = new PostCodePort();
    private final Pit8254 pit;
    private final Mc146818 rtc;
    private final I8042Controller i8042;
    private final PciBus pci = new PciBus();
    private final FwCfg fwCfg = new FwCfg();
    private final AcpiPmBlock acpiPm;
    private final AcpiTables.Layout acpi;
    private final Platform platform;

    private PcBoard(GuestMemory memory, TimerQueue timers, Options options) {
        this.memory = memory;
        this.timers = timers;
        for (int irq = 0; irq < ISA_IRQ_COUNT; irq++) gsis.connect(irq, pic.irqLine(irq));
        for (int gsi = 0; gsi < GSI_COUNT; gsi++) gsis.connect(gsi, ioapic.pin(ioapicPin(gsi)));
        ports.register(PicPair.MASTER_PORT, 2, pic.master());
        ports.register(PicPair.SLAVE_PORT, 2, pic.slave());
        ports.register(PicPair.ELCR_PORT, 2, pic.elcr());

        com1 = new Uart16550("com1", isaIrq(Uart16550.COM1_IRQ), timers, options.com1());
        com2 = new Uart16550("com2", isaIrq(Uart16550.COM2_IRQ), timers, options.com2());
        ports.register(Uart16550.COM1_PORT, Uart16550.PORT_COUNT, com1);
        ports.register(Uart16550.COM2_PORT, Uart16550.PORT_COUNT, com2);

        pit = new Pit8254(isaIrq(Pit8254.IRQ), timers);
        ports.register(Pit8254.BASE_PORT, Pit8254.PORT_COUNT, pit);
        ports.register(SystemControlPortB.PORT, 1, new SystemControlPortB(pit, timers.clock()));

        rtc = new Mc146818(isaIrq(Mc146818.IRQ), timers, options.rtcStart(), memory.ramSize());
        ports.register(Mc146818.BASE_PORT, Mc146818.PORT_COUNT, rtc);

        i8042 = new I8042Controller(memory, stop, isaIrq(I8042Controller.KEYBOARD_IRQ),
                isaIrq(I8042Controller.AUX_IRQ));
        ports.register(I8042Controller.DATA_PORT, 1, i8042.dataPort());
        ports.register(I8042Controller.COMMAND_PORT, 1, i8042.commandPort());
        ports.register(SystemControlPortA.PORT, 1, new SystemControlPortA(memory, stop));

        pci.attach(0, 0, new PciHostBridge());
        if (options.pciTestDevice()) pci.attach(PciTestDevice.SLOT, 0, new PciTestDevice());
        ports.register(PciConfigPorts.BASE_PORT, PciConfigPorts.PORT_COUNT, new PciConfigPorts(pci, stop));

        ports.register(PostCodePort.DEFAULT_PORT, 1, post);
        ports.register(DebugExitPort.DEFAULT_PORT, DebugExitPort.PORT_COUNT, new DebugExitPort(stop));

        ports.register(FwCfg.PORT, FwCfg.PORT_COUNT, fwCfg);
        fwCfg.putU64(FwCfg.RAM_SIZE, memory.ramSize());
        fwCfg.putU16(FwCfg.NB_CPUS, options.cpus());
        fwCfg.putU16(FwCfg.MAX_CPUS, options.cpus());
        fwCfg.putU16(FwCfg.NOGRAPHIC, 1);
        fwCfg.addFile("etc/e820", e820Table(memory.ramSize()));
        if (options.pcTestDevice()) {
            PcTestDevice testdev = new PcTestDevice(gsis);
            ports.register(PcTestDevice.SCRATCH_PORT, PcTestDevice.PORT_COUNT, testdev.ports());
            ports.register(PcTestDevice.IRQ_PORT, PcTestDevice.IRQ_PORT_COUNT, testdev.irqPorts());
            memory.mapMmio(PcTestDevice.IOMEM_BASE, PcTestDevice.IOMEM_SIZE, testdev.iomem());
        }

        bspApic = new LocalApic(0, apicBus, pic, timers);
        for (int cpu = 1; cpu < options.cpus(); cpu++) new LocalApic(cpu, apicBus, pic, timers); // attaches itself
        // one device lock for every vCPU thread (TimerQueue.deviceLock(); uncontended with one vCPU)
        ports.setDeviceLock(timers.deviceLock());
        memory.mmio().setDeviceLock(timers.deviceLock());
        memory.mapMmio(LocalApic.DEFAULT_BASE, XapicWindow.SIZE, new XapicWindow(apicBus));
        long[] apicPage = {LocalApic.DEFAULT_BASE};
        bspApic.setRelocationListener(base -> {
            if (memory.moveMmio(apicPage[0], base)) apicPage[0] = base;
        });
        memory.mapMmio(Ioapic.DEFAULT_BASE, Ioapic.SIZE, ioapic);

        acpiPm = new AcpiPmBlock(timers.clock(), stop);
        ports.register(AcpiPmBlock.BASE_PORT, AcpiPmBlock.PORT_COUNT, acpiPm);
        acpi = AcpiTables.install(memory, apicBus.size());

        platform = new Platform(memory, ports, apicBus, timers, stop);
    }

    /** fw_cfg's {@code etc/e820}: QEMU's layout, {u64 address, u64 length, u32 type} little-endian per entry. */
    private static byte[] e820Table(long ramSize) {
        java.util.List<E820Map.Entry> entries = E820Map.forRam(ramSize).entries();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(20 * entries.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (E820Map.Entry e : entries) b.putLong(e.base()).putLong(e.length()).putInt(e.type());
        return b.array();
    }

    /**
     * The IOAPIC pin of GSI {@code gsi}: the same number, except that ISA IRQ0 (the PIT) lands on pin 2,
     * the interrupt source override every PC's MADT declares (pin 0 carries the 8259's ExtINT on real
     * chipsets; QEMU wires it the same way).
     */
    public static int ioapicPin(int gsi) {
        return gsi == 0 ? 2 : gsi;
    }

    /** The wire for ISA IRQ {@code n}: its GSI, which fans out to every controller listening. */
    private IrqLine isaIrq(int n) {
        if (n < 0 || n >= ISA_IRQ_COUNT) throw new IllegalArgumentException("ISA IRQ must be 0-15: " + n);
        return gsis.line(n);
    }

    /** Builds the board on {@code memory} (its RAM size goes into CMOS) with device time from {@code timers}. */
    public static PcBoard create(GuestMemory memory, TimerQueue timers, Options options) {
        return new PcBoard(memory, timers, options);
    }

    /** The engine-facing view: memory, ports, the PIC as interrupt controller, timers, stop. */
    public Platform platform() {
        return platform;
    }

    public PortBus ports() {
        return ports;
    }

    public StopRequest stop() {
        return stop;
    }

    public TimerQueue timers() {
        return timers;
    }

    public GuestMemory memory() {
        return memory;
    }

    public PicPair pic() {
        return pic;
    }

    /** QEMU's fw_cfg at 0x510 (RAM size, CPU count, etc/e820; the launcher adds the command line). */
    public FwCfg fwCfg() {
        return fwCfg;
    }

    /** Where the ACPI tables are (the launcher hands {@code acpi().rsdp()} to a Linux kernel's zero page). */
    public AcpiTables.Layout acpi() {
        return acpi;
    }

    public AcpiPmBlock acpiPm() {
        return acpiPm;
    }

    public Ioapic ioapic() {
        return ioapic;
    }

    /** vCPU {@code index}'s local APIC (its view of the interrupt controllers). */
    public LocalApic localApic(int index) {
        return apicBus.apic(index);
    }

    /** The GSI table: the wire for every interrupt pin of the board (tests, pc-testdev, PCI). */
    public GsiRouting gsis() {
        return gsis;
    }

    public Uart16550 com1() {
        return com1;
    }

    public Uart16550 com2() {
        return com2;
    }

    public Pit8254 pit() {
        return pit;
    }

    public Mc146818 rtc() {
        return rtc;
    }

    public I8042Controller i8042() {
        return i8042;
    }

    /** PCI bus 0, where later devices attach. */
    public PciBus pci() {
        return pci;
    }

    /** The POST port 0x80 with the codes the guest wrote. */
    public PostCodePort postCodes() {
        return post;
    }

    /** Flushes the serial sinks (call when the run ends). */
    public void flushOutput() {
        com1.sink().flush();
        com2.sink().flush();
    }

    /** Device counters for {@code --stats}, one device per line. */
    public String statistics() {
        StringBuilder sb = new StringBuilder();
        for (Uart16550 uart : new Uart16550[] {com1, com2}) {
            sb.append(String.format("%s: %,d bytes out, %,d in, %,d overruns, %,d input waiting%n", uart.name(),
                    uart.bytesTransmitted(), uart.bytesReceived(), uart.overruns(), uart.inputWaiting()));
        }
        sb.append(String.format("pic: spurious %d (master) %d (slave)%n", pic.master().spuriousCount(),
                pic.slave().spuriousCount()));
        sb.append(String.format("ioapic: %,d messages; local apic: %,d reserved-register accesses%n",
                ioapic.messagesSent(), bspApic.illegalRegisterAccesses()));
        sb.append(String.format("pit: %,d IRQ0 pulses%n", pit.interruptCount()));
        sb.append(String.format("acpi: %,d ignored sleep requests (only S5 is offered)%n", acpiPm.ignoredSleepRequests()));
        sb.append(String.format("rtc: %,d IRQ8 assertions%n", rtc.interruptCount()));
        sb.append(String.format("i8042: %,d ignored commands/bytes%n", i8042.ignoredCount()));
        int last = post.lastCode();
        sb.append(String.format("post: %,d codes, last %s%n", post.count(), last < 0 ? "none" : String.format("0x%02x", last)));
        return sb.toString();
    }

    /** The registered port ranges, one per line. */
    public String describePorts() {
        return ports.describe();
    }
}
