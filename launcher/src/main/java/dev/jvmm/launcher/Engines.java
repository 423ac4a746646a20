package dev.jvmm.launcher;

import dev.jvmm.core.engine.Engine;
import dev.jvmm.core.kvm.KvmEngine;
import dev.jvmm.cpu.interp.InterpreterEngine;
import java.util.List;
import java.util.function.Supplier;

/** The engines {@code --engine} can name, and whether each can run on this machine. */
final class Engines {
    /** The translator (issue 5) is not built yet; until it lands the interpreter is the default. */
    static final String DEFAULT = "interp";

    record Choice(String name, String description, Supplier<Engine> factory, String fixedUnavailableReason) {
        /** Null if usable here, otherwise one line saying what is missing. */
        String unavailableReason() {
            if (fixedUnavailableReason != null) return fixedUnavailableReason;
            return factory.get().unavailableReason();
        }
    }

    static List<Choice> all() {
        return List.of(
                new Choice("interp", "the reference interpreter (software CPU)", InterpreterEngine::new, null),
                new Choice("jit", "interpreter + bytecode translator", null,
                        "the translator is not built yet; use --engine interp"),
                new Choice("kvm", "/dev/kvm through Panama (FFM)", KvmEngine::new, null));
    }

    static Choice byName(String name) {
        for (Choice c : all()) {
            if (c.name().equals(name)) return c;
        }
        throw new IllegalArgumentException("unknown engine '" + name + "'; choose interp, jit or kvm");
    }
}
