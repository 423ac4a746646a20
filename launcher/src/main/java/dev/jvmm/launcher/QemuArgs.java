package dev.jvmm.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rewrites the QEMU command-line words jvmm understands into jvmm's own options, so that a script
 * written for {@code qemu-system-x86_64} (kvm-unit-tests' {@code x86/run} among them) can call
 * {@code jvmm run} instead. Words that only concern QEMU's display or default devices are accepted and
 * dropped; a device jvmm does not have is refused, because jvmm would silently behave differently.
 * {@code -device ?} (or {@code help}) lists the devices, as QEMU does.
 */
final class QemuArgs {
    private QemuArgs() {}

    static List<String> translate(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-kernel" -> { out.add("--kernel"); out.add(value(args, ++i, a)); }
                case "-initrd" -> { out.add("--initrd"); out.add(value(args, ++i, a)); }
                case "-append" -> { out.add("--append"); out.add(value(args, ++i, a)); }
                case "-serial" -> { out.add("--serial"); out.add(value(args, ++i, a)); }
                case "-nographic" -> out.add("--serial=stdio");
                case "-display" -> {
                    String d = value(args, ++i, a);
                    if (!d.equals("none")) throw new IllegalArgumentException("-display " + d + ": jvmm has no display; use -display none");
                }
                case "-no-reboot" -> out.add("--no-reboot");
                case "-enable-kvm" -> out.add("--engine=kvm");
                case "-accel" -> out.add("--engine=" + accel(value(args, ++i, a)));
                case "-device" -> {
                    String device = checkDevice(value(args, ++i, a));
                    if (device != null) out.add("--device=" + device);
                }
                case "-nodefaults" -> {} // jvmm's PC has no default devices beyond the board itself
                case "-vnc" -> { // older x86/run scripts pass -vnc none
                    String v = value(args, ++i, a);
                    if (!v.equals("none")) throw new IllegalArgumentException("-vnc " + v + ": jvmm has no display; use -vnc none");
                }
                case "-global" -> {
                    // x86/run passes kvm-pit.lost_tick_policy=discard: a property of KVM's in-kernel PIT.
                    // jvmm's PIT is the one userspace model on every engine and never drops ticks.
                    String g = value(args, ++i, a);
                    if (!g.startsWith("kvm-pit.lost_tick_policy=")) {
                        throw new IllegalArgumentException("-global " + g + ": jvmm knows only kvm-pit.lost_tick_policy (ignored)");
                    }
                }
                case "-machine", "-M" -> {
                    for (String property : value(args, ++i, a).split(",")) {
                        if (property.startsWith("accel=")) out.add("--engine=" + accel(property.substring(6)));
                        else if (!property.equals("pc")) {
                            throw new IllegalArgumentException("-machine " + property + ": jvmm has one machine, pc; it takes accel=tcg|kvm");
                        }
                    }
                }
                case "-cpu" -> out.add("--cpu=" + value(args, ++i, a));
                case "-smp" -> out.add("--smp=" + value(args, ++i, a));
                case "-s" -> out.add("--gdb=tcp::1234");
                case "-gdb" -> out.add("--gdb=" + value(args, ++i, a));
                case "-S" -> out.add("--gdb-wait");
                case "-d" -> out.add("--trace=" + logItems(value(args, ++i, a)));
                case "-D" -> out.add("--trace-file=" + value(args, ++i, a));
                default -> out.add(a);
            }
        }
        return out;
    }

    /**
     * QEMU's {@code -d} log items as jvmm traces: {@code in_asm} (the guest code of each translation
     * block) is {@code --trace jit}, {@code exec} (each block executed) is {@code --trace insn}, which
     * shows every instruction, {@code int} and {@code cpu} are {@code --trace int} and {@code --trace cpu}; the others are refused,
     * naming what jvmm has instead.
     */
    static String logItems(String items) {
        List<String> traces = new ArrayList<>();
        for (String item : items.split(",")) {
            switch (item) {
                case "in_asm", "out_asm" -> traces.add("jit");
                case "exec", "nochain" -> traces.add("insn");
                case "int" -> traces.add("int");
                case "cpu" -> traces.add("cpu");
                case "unimp", "guest_errors" -> throw new IllegalArgumentException("-d " + item
                        + ": not logged by jvmm yet; -d takes in_asm, exec, int and cpu; --stats counts #UD by opcode");
                default -> throw new IllegalArgumentException("-d " + item + ": jvmm maps in_asm (--trace jit), exec (--trace insn), int and cpu");
            }
        }
        return String.join(",", traces.stream().distinct().toList());
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) throw new IllegalArgumentException(option + " needs a value");
        return args.get(i);
    }

    private static String accel(String accel) {
        return switch (accel.split(",")[0]) {
            case "tcg" -> "jit";
            case "kvm" -> "kvm";
            default -> throw new IllegalArgumentException("-accel " + accel + ": jvmm offers tcg (its translator) and kvm");
        };
    }

    /** The {@code -device} names jvmm accepts, as {@code -device ?} lists them (QEMU's format). */
    static final List<String> DEVICE_LIST = List.of(
            "name \"isa-debug-exit\", bus ISA (always present at iobase=0xf4,iosize=0x4)",
            "name \"pc-testdev\", bus ISA",
            "name \"pci-testdev\", bus PCI, desc \"PCI Test Device\"");

    /**
     * Checks a {@code -device} spec; returns the device to add (pc-testdev, pci-testdev), "?" to list
     * them, or null for isa-debug-exit, which jvmm always has at 0xf4 (size 4, only that exact placement).
     */
    private static String checkDevice(String spec) {
        String[] parts = spec.toLowerCase(Locale.ROOT).split(",");
        if (parts[0].equals("?") || parts[0].equals("help")) return "?";
        if (parts[0].equals("pc-testdev") || parts[0].equals("pci-testdev")) {
            if (parts.length > 1) throw new IllegalArgumentException("-device " + spec + ": jvmm's " + parts[0] + " takes no properties");
            return parts[0];
        }
        if (!parts[0].equals("isa-debug-exit")) {
            throw new IllegalArgumentException("-device " + parts[0] + " is not emulated (jvmm has isa-debug-exit, pc-testdev and pci-testdev)");
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("iobase=") && Long.decode(p.substring(7)) != 0xF4
                    || p.startsWith("iosize=") && Long.decode(p.substring(7)) != 4) {
                throw new IllegalArgumentException("-device " + spec + ": jvmm's isa-debug-exit is fixed at iobase=0xf4,iosize=0x4");
            }
        }
        return null;
    }
}
