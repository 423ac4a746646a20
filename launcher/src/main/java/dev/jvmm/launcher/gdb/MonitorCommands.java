package dev.jvmm.launcher.gdb;

import dev.jvmm.core.engine.Vcpu;
import dev.jvmm.core.memory.GuestMemory;

/**
 * gdb's {@code monitor} commands ({@code qRcmd}): what QEMU's monitor shows, for jvmm. Each returns
 * the text gdb prints.
 */
final class MonitorCommands {
    static final String HELP = """
            jvmm monitor commands:
              info registers      the whole CPU state (segments with bases and limits, control registers, EFER)
              info mem            the page tables: linear ranges, where they map, their rights
              xp ADDRESS [COUNT]  COUNT (default 64) bytes of physical memory, in hex
              stats               the engine's counters so far (as --stats prints at the end)
              jit                 the translated unit holding the instruction at the PC: each guest
                                  instruction with the bytecode made for it (jit and lockstep engines)""";

    private final GuestMemory memory;

    MonitorCommands(GuestMemory memory) {
        this.memory = memory;
    }

    String run(String command, Vcpu vcpu) {
        String[] words = command.trim().split("\\s+");
        return switch (String.join(" ", words)) {
            case "", "help" -> HELP;
            case "info registers" -> vcpu.state().toString();
            case "info mem" -> PageTableListing.of(vcpu.state(), memory);
            case "stats" -> stats(vcpu);
            case "jit" -> {
                String unit = vcpu.translationAtPc();
                yield unit != null ? unit : String.format("no translated unit holds the instruction at %x (it runs in the interpreter,"
                        + " or this engine does not translate)", vcpu.state().rip);
            }
            default -> words[0].equals("xp") ? physical(words) : "unknown monitor command '" + command + "'; try 'monitor help'";
        };
    }

    private static String stats(Vcpu vcpu) {
        StringBuilder sb = new StringBuilder();
        vcpu.sampleCounters((name, value) -> sb.append(String.format("%-34s %,20d%n", name, value)));
        return sb.append(vcpu.stats()).toString();
    }

    private String physical(String[] words) {
        if (words.length < 2 || words.length > 3) return "usage: xp ADDRESS [COUNT]";
        long address;
        int count;
        try {
            address = Long.decode(words[1]);
            count = words.length == 3 ? Integer.decode(words[2]) : 64;
        } catch (NumberFormatException e) {
            return "xp: not a number: " + e.getMessage();
        }
        if (count <= 0 || count > 4096) return "xp: COUNT must be 1 to 4096";
        if (address < 0 || !memory.isRam(address, count)) return String.format("xp: 0x%x+%d is not all RAM", address, count);
        byte[] bytes = new byte[count];
        memory.readBytes(address, bytes, 0, count);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i += 16) {
            sb.append(String.format("%016x:", address + i));
            for (int j = i; j < Math.min(count, i + 16); j++) sb.append(String.format(" %02x", bytes[j] & 0xFF));
            sb.append('\n');
        }
        return sb.toString();
    }
}
