package dev.jvmm.launcher;

import dev.jvmm.core.engine.Engine;
import dev.jvmm.kvm.KvmEngine;
import dev.jvmm.cpu.interp.InterpreterEngine;
import dev.jvmm.cpu.jit.JitEngine;
import dev.jvmm.cpu.jit.LockstepEngine;
import java.util.List;
import java.util.function.Supplier;

/** The engines {@code --engine} can name, and whether each can run on this machine. */
final class Engines {
    /** The translator: the interpreter runs cold code, hot regions become JVM bytecode. */
    static final String DEFAULT = "jit";

    record Choice(String name, String description, Supplier<Engine> factory) {
        /** Null if usable here, otherwise one line saying what is missing. */
        String unavailableReason() {
            return factory.get().unavailableReason();
        }
    }

    static List<Choice> all() {
        return List.of(
                new Choice("interp", "the reference interpreter (software CPU)", InterpreterEngine::new),
                new Choice("jit", "interpreter + bytecode translator (hot regions become hidden classes)", JitEngine::new),
                new Choice("lockstep", "jit checked against the interpreter at every unit boundary (slow; for finding bugs)",
                        LockstepEngine::new),
                new Choice("kvm", "/dev/kvm through Panama (FFM)", KvmEngine::new));
    }

    static Choice byName(String name) {
        for (Choice c : all()) {
            if (c.name().equals(name)) return c;
        }
        throw new IllegalArgumentException("unknown engine '" + name + "'; choose interp, jit, lockstep or kvm");
    }
}
