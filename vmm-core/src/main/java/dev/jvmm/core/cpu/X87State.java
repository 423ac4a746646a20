package dev.jvmm.core.cpu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The x87 FPU's state in the exchange format (SDM vol. 1 §8.1): the control word, the status word
 * with TOP in bits 11-13, the full tag word (two bits per physical register, 11 empty), the eight
 * data registers R0-R7 by <em>physical</em> number (ST(i) is R((TOP + i) mod 8); MMX register MMi is
 * the significand of Ri), and the last instruction pointer (CS selector, offset, 11-bit opcode) and
 * data pointer (DS selector, offset).
 *
 * @param significands R0-R7's 64-bit significands (explicit integer bit 63)
 * @param signExponents R0-R7's sign (bit 15) and biased exponent (bits 0-14)
 */
public record X87State(int control, int status, int tag, List<Long> significands, List<Integer> signExponents,
        int lastOpcode, int lastCs, long lastIp, int lastDs, long lastDp) {
    /** The state FNINIT leaves (and KVM gives a new vCPU): control 0x037F, every register empty. */
    public static final X87State INITIAL = new X87State(0x037F, 0, 0xFFFF, Collections.nCopies(8, 0L),
            Collections.nCopies(8, 0), 0, 0, 0, 0, 0);

    public X87State {
        if (significands.size() != 8 || signExponents.size() != 8) throw new IllegalArgumentException("eight registers");
        significands = List.copyOf(significands);
        signExponents = List.copyOf(signExponents);
    }

    public int top() {
        return (status >> 11) & 7;
    }

    /** Differences, "fpu.name: this -> other", for every field. */
    public List<String> diff(X87State o) {
        List<String> out = new ArrayList<>();
        cmp(out, "fcw", control, o.control);
        cmp(out, "fsw", status, o.status);
        cmp(out, "ftw", tag, o.tag);
        for (int r = 0; r < 8; r++) {
            if (!significands.get(r).equals(o.significands.get(r)) || !signExponents.get(r).equals(o.signExponents.get(r))) {
                out.add(String.format("fpu.r%d: %s -> %s", r, register(r), o.register(r)));
            }
        }
        cmp(out, "fop", lastOpcode, o.lastOpcode);
        cmp(out, "fcs", lastCs, o.lastCs);
        cmp(out, "fip", lastIp, o.lastIp);
        cmp(out, "fds", lastDs, o.lastDs);
        cmp(out, "fdp", lastDp, o.lastDp);
        return out;
    }

    /** Register Rr as sign-exponent:significand in hex. */
    public String register(int r) {
        return String.format("%04x:%016x", signExponents.get(r) & 0xFFFF, significands.get(r));
    }

    private static void cmp(List<String> out, String name, long a, long b) {
        if (a != b) out.add(String.format("fpu.%s: %x -> %x", name, a, b));
    }
}
