package dev.jvmm.core.cpu;

import java.util.List;

/**
 * The SSE part of {@link CpuState}: XMM0-XMM15 and MXCSR (SDM vol. 1 §10.2). {@code xmm[2 * r]} holds
 * bits 0-63 of XMMr and {@code xmm[2 * r + 1]} bits 64-127, as the software CPU keeps them.
 */
public final class SseState {
    /** MXCSR after reset and after FNINIT-less start-up: every exception masked, round to nearest. */
    public static final int MXCSR_RESET = 0x1F80;

    public final long[] xmm = new long[32];
    public int mxcsr = MXCSR_RESET;

    public void copyFrom(SseState o) {
        System.arraycopy(o.xmm, 0, xmm, 0, 32);
        mxcsr = o.mxcsr;
    }

    /** Adds "name: this -> other" lines for each field that differs. */
    void diff(List<String> out, SseState o) {
        for (int r = 0; r < 16; r++) {
            if (xmm[2 * r] != o.xmm[2 * r] || xmm[2 * r + 1] != o.xmm[2 * r + 1]) {
                out.add(String.format("xmm%d: %016x_%016x -> %016x_%016x", r, xmm[2 * r + 1], xmm[2 * r], o.xmm[2 * r + 1],
                        o.xmm[2 * r]));
            }
        }
        if (mxcsr != o.mxcsr) out.add(String.format("mxcsr: %x -> %x", mxcsr, o.mxcsr));
    }
}
