package dev.jvmm.devices.i8042;

import dev.jvmm.core.bus.PortDevice;
import dev.jvmm.core.engine.StopReason;
import dev.jvmm.core.engine.StopRequest;
import dev.jvmm.core.irq.IrqLine;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.devices.ByteRegisterDevice;
import java.util.ArrayDeque;

/**
 * The Intel 8042 keyboard controller of the PC/AT, with an idle AT keyboard behind it: data port 0x60,
 * status (read) / command (write) port 0x64. Beyond the keyboard it owns two wires a VMM cares about:
 * the A20 gate (output port bit 1) and the CPU reset line (output port bit 0; command 0xFE pulses it).
 *
 * <p>Status register: bit 0 output buffer full, 1 input buffer full (always 0: commands complete at
 * once), 2 system flag (command byte bit 2), 3 last write was a command, 4 keyboard not inhibited,
 * 5 output buffer holds auxiliary (mouse) data. Command byte ("controller RAM" byte 0, commands
 * 0x20/0x60): bit 0 keyboard IRQ1, 1 aux IRQ12, 2 system flag, 4 keyboard disabled, 5 aux disabled,
 * 6 set-2-to-set-1 translation. It starts at 0x45, what a BIOS leaves.
 *
 * <p>Controller commands: 0x20-0x3f read RAM, 0x60-0x7f write RAM, 0xa7/0xa8 aux off/on, 0xa9 aux
 * test (00), 0xaa self test (55), 0xab keyboard test (00), 0xad/0xae keyboard off/on, 0xc0 input port,
 * 0xd0/0xd1 read/write output port, 0xd2/0xd3 fake keyboard/aux input, 0xd4 write to aux, 0xdd/0xdf A20
 * off/on, 0xe0 test inputs, 0xf0-0xff pulse output bits (bit 0 = reset). Keyboard commands written to
 * 0x60: 0xed LEDs, 0xee echo, 0xf0 scan-code set, 0xf2 identify, 0xf3 typematic, 0xf4/0xf5 enable/disable,
 * 0xf6 defaults, 0xff reset (FA AA); others are answered with FE (resend).
 *
 * <p>Not emulated: key presses (there is no keyboard input yet), a mouse (bytes sent with 0xd4 vanish,
 * so a PS/2 mouse probe times out as with no mouse plugged in), the parity/timeout status bits,
 * controller timing. A20 is shared with port 0x92 through {@link GuestMemory}: the last writer wins.
 */
public final class I8042Controller {
    public static final int DATA_PORT = 0x60, COMMAND_PORT = 0x64, KEYBOARD_IRQ = 1, AUX_IRQ = 12;

    static final int STATUS_OBF = 0x01, STATUS_SYS = 0x04, STATUS_COMMAND = 0x08, STATUS_NOT_INHIBITED = 0x10,
            STATUS_AUX_OBF = 0x20;
    static final int CB_KBD_INT = 0x01, CB_AUX_INT = 0x02, CB_SYS = 0x04, CB_KBD_DISABLED = 0x10,
            CB_AUX_DISABLED = 0x20, CB_TRANSLATE = 0x40;
    static final int OUT_RESET = 0x01, OUT_A20 = 0x02, OUT_KBD_OBF = 0x10, OUT_AUX_OBF = 0x20;
    static final int ACK = 0xfa, RESEND = 0xfe, SELF_TEST_OK = 0x55, BAT_OK = 0xaa;

    private record Output(int value, boolean aux) {}

    private final GuestMemory memory;
    private final StopRequest stop;
    private final IrqLine keyboardIrq;
    private final IrqLine auxIrq;
    private final ArrayDeque<Output> output = new ArrayDeque<>();
    private final int[] ram = new int[32];
    private int outputPortHigh = 0xcc; // bits 2-3 and 6-7 of the output port, as QEMU reports them
    private boolean lastWriteWasCommand;
    private int pendingCommand;        // a controller command waiting for its data byte, or 0
    private int pendingKeyboardCommand; // a keyboard command waiting for its parameter, or 0
    private boolean scanning = true;
    private int scanCodeSet = 2;
    private boolean kbdIrqLevel, auxIrqLevel;
    private long ignored;

    private final PortDevice dataPort = new ByteRegisterDevice(1) {
        @Override
        protected int readByte(int offset) {
            return readData();
        }

        @Override
        protected void writeByte(int offset, int value) {
            writeData(value);
        }

        @Override
        public String name() {
            return "i8042-data";
        }
    };

    private final PortDevice commandPort = new ByteRegisterDevice(1) {
        @Override
        protected int readByte(int offset) {
            return status();
        }

        @Override
        protected void writeByte(int offset, int value) {
            command(value);
        }

        @Override
        public String name() {
            return "i8042-command";
        }
    };

    public I8042Controller(GuestMemory memory, StopRequest stop, IrqLine keyboardIrq, IrqLine auxIrq) {
        this.memory = memory;
        this.stop = stop;
        this.keyboardIrq = keyboardIrq;
        this.auxIrq = auxIrq;
        ram[0] = CB_TRANSLATE | CB_SYS | CB_KBD_INT;
    }

    /** Port 0x60. */
    public PortDevice dataPort() {
        return dataPort;
    }

    /** Port 0x64. */
    public PortDevice commandPort() {
        return commandPort;
    }

    /** The command byte (controller RAM byte 0). */
    public int commandByte() {
        return ram[0];
    }

    /** Commands and writes that had no effect (unknown commands, bytes for the absent mouse). */
    public long ignoredCount() {
        return ignored;
    }

    // ---- guest side ----

    int status() {
        Output head = output.peek();
        return (head != null ? STATUS_OBF : 0) | (head != null && head.aux ? STATUS_AUX_OBF : 0)
                | (ram[0] & CB_SYS) | (lastWriteWasCommand ? STATUS_COMMAND : 0) | STATUS_NOT_INHIBITED;
    }

    int readData() {
        Output head = output.poll();
        updateIrqs();
        // An empty buffer reads the last byte again on real controllers; 0 is as good a guess.
        return head == null ? 0 : head.value;
    }

    void command(int cmd) {
        lastWriteWasCommand = true;
        pendingCommand = 0;
        if (cmd >= 0x20 && cmd <= 0x3f) {
            reply(ram[cmd & 0x1f]);
        } else if (cmd >= 0x60 && cmd <= 0x7f) {
            pendingCommand = cmd;
        } else if (cmd >= 0xf0) {
            // Pulse output port bits 0-3 that are 0 in the command; bit 0 is the CPU reset line.
            if ((cmd & OUT_RESET) == 0) stop.request(new StopReason.Reset("i8042"));
        } else {
            switch (cmd) {
                case 0xa7 -> ram[0] |= CB_AUX_DISABLED;
                case 0xa8 -> ram[0] &= ~CB_AUX_DISABLED;
                case 0xa9, 0xab -> reply(0x00); // interface tests: no clock/data line faults
                case 0xaa -> {
                    ram[0] |= CB_SYS;
                    reply(SELF_TEST_OK);
                }
                case 0xad -> ram[0] |= CB_KBD_DISABLED;
                case 0xae -> ram[0] &= ~CB_KBD_DISABLED;
                case 0xc0 -> reply(0x80); // input port: keyboard not inhibited
                case 0xd0 -> reply(outputPort());
                case 0xd1, 0xd2, 0xd3, 0xd4 -> pendingCommand = cmd;
                case 0xdd -> memory.setA20Enabled(false);
                case 0xdf -> memory.setA20Enabled(true);
                case 0xe0 -> reply(0x00);
                default -> ignored++;
            }
        }
        updateIrqs();
    }

    void writeData(int value) {
        lastWriteWasCommand = false;
        int cmd = pendingCommand;
        pendingCommand = 0;
        if (cmd >= 0x60 && cmd <= 0x7f) {
            ram[cmd & 0x1f] = value;
        } else if (cmd == 0xd1) {
            writeOutputPort(value);
        } else if (cmd == 0xd2) {
            output.add(new Output(value, false));
        } else if (cmd == 0xd3) {
            output.add(new Output(value, true));
        } else if (cmd == 0xd4) {
            ignored++; // no mouse
        } else {
            keyboard(value);
        }
        updateIrqs();
    }

    private int outputPort() {
        Output head = output.peek();
        return outputPortHigh | OUT_RESET | (memory.a20Enabled() ? OUT_A20 : 0)
                | (head != null && !head.aux ? OUT_KBD_OBF : 0) | (head != null && head.aux ? OUT_AUX_OBF : 0);
    }

    private void writeOutputPort(int value) {
        outputPortHigh = value & 0xcc;
        memory.setA20Enabled((value & OUT_A20) != 0);
        if ((value & OUT_RESET) == 0) stop.request(new StopReason.Reset("i8042"));
    }

    // ---- the keyboard ----

    private void keyboard(int value) {
        int param = pendingKeyboardCommand;
        pendingKeyboardCommand = 0;
        if (param != 0) {
            reply(ACK);
            if (param == 0xf0) {
                if (value == 0) reply(scanCodeSet);
                else if (value <= 3) scanCodeSet = value;
            }
            return;
        }
        switch (value) {
            case 0xed, 0xf3, 0xf0 -> {
                reply(ACK);
                pendingKeyboardCommand = value;
            }
            case 0xee -> reply(0xee);
            case 0xf2 -> {
                reply(ACK);
                reply(0xab);
                reply((ram[0] & CB_TRANSLATE) != 0 ? 0x41 : 0x83); // MF2 keyboard id, as translated
            }
            case 0xf4 -> {
                scanning = true;
                reply(ACK);
            }
            case 0xf5 -> {
                scanning = false;
                reply(ACK);
            }
            case 0xf6 -> reply(ACK);
            case 0xff -> {
                scanning = true;
                scanCodeSet = 2;
                reply(ACK);
                reply(BAT_OK);
            }
            default -> reply(RESEND);
        }
    }

    /** True while the keyboard would send key codes (0xf4/0xf5). */
    public boolean keyboardScanning() {
        return scanning;
    }

    private void reply(int value) {
        output.add(new Output(value & 0xff, false));
    }

    private void updateIrqs() {
        Output head = output.peek();
        boolean kbd = head != null && !head.aux && (ram[0] & CB_KBD_INT) != 0;
        boolean aux = head != null && head.aux && (ram[0] & CB_AUX_INT) != 0;
        if (kbd != kbdIrqLevel) {
            kbdIrqLevel = kbd;
            keyboardIrq.set(kbd);
        }
        if (aux != auxIrqLevel) {
            auxIrqLevel = aux;
            auxIrq.set(aux);
        }
    }
}
