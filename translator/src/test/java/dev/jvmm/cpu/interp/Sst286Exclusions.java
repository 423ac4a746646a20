package dev.jvmm.cpu.interp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmm.cpu.decode.Decoder;
import dev.jvmm.cpu.decode.Insn;

/**
 * The short list of SingleStepTests 80286 vectors where a 286 and jvmm's 386+/x86-64 model
 * architecturally differ; each entry cites the Intel SDM. Only a vector that fails AND matches an
 * entry counts as excluded, so an exclusion can never hide a regression elsewhere.
 */
final class Sst286Exclusions {
    private Sst286Exclusions() {}

    static Insn decode(JsonNode test) {
        JsonNode bytes = test.get("bytes");
        Insn insn = new Insn();
        try {
            new Decoder().decode(ip -> (int) ip < bytes.size() ? bytes.get((int) ip).asInt() : 0xF4, 0, 16, insn);
        } catch (dev.jvmm.cpu.CpuException e) {
            insn.length = 16;
        }
        return insn;
    }

    /** Why the failing vector {@code test} may differ, or null if it must pass. */
    static String reason(JsonNode test, int firstVector, boolean limitFault, String diff) {
        Insn insn = decode(test);
        boolean lockPrefix = false;
        for (int k = 0; k < insn.length && k < test.get("bytes").size(); k++) {
            if (test.get("bytes").get(k).asInt() == 0xF0) lockPrefix = true;
        }
        if (lockPrefix && !Interpreter.lockAllowed(insn)) {
            return "LOCK on an instruction that is not a locked read-modify-write of memory: #UD since the 386 "
                    + "(SDM vol. 2 'LOCK'), ignored by the 286";
        }
        if (insn.length > 10) {
            return "longer than 10 bytes: #GP on the 286, legal up to 15 bytes since the 386 (SDM vol. 2 §2.3.11)";
        }
        if ((insn.opcode == 0x8C || insn.opcode == 0x8E) && ((insn.reg & 7) == 4 || (insn.reg & 7) == 5)) {
            return "MOV to/from FS or GS: these registers exist since the 386 (SDM vol. 1 §3.4.2); #UD on the 286";
        }
        int v = firstVector;
        if (v == 0 && (insn.opcode == 0xF6 || insn.opcode == 0xF7) && diff.matches("(\\[[0-9a-f]+\\]=[0-9a-f]+ want [0-9a-f]+; )+")) {
            return "DIV/IDIV raising #DE: only the pushed FLAGS image differs, and DIV leaves CF OF SF ZF AF PF "
                    + "undefined (SDM vol. 2 'DIV', 'IDIV')";
        }
        if ((v == 12 || v == 13) && limitFault) {
            // A segment-limit fault in real mode (64 KiB limits) is an access crossing offset 0xFFFF
            // or a fetch past it. Since the 386 they raise #SS(0) for SS and #GP(0) otherwise
            // (SDM vol. 2, "Real-Address Mode Exceptions" of each instruction); the 286 wraps within
            // the segment for some accesses and raises INT 13 for all others, SS-relative included.
            return "access crossing segment offset 0xFFFF: #GP/#SS since the 386, INT 13 or a wrap on the 286";
        }
        return null;
    }
}
