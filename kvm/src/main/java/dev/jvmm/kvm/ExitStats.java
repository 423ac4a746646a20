package dev.jvmm.kvm;

import dev.jvmm.kvm.sys.KvmApi;
import java.util.ArrayList;
import java.util.List;

/**
 * Exit accounting for {@code --stats}: exits by reason and by port, and where the time went
 * (inside KVM_RUN, i.e. guest + kernel emulation, versus in Java handling exits). Written by the vCPU
 * thread only; reading it from another thread gives a slightly stale but harmless picture.
 */
final class ExitStats {
    private static final int MAX_REASON = 64;

    final long[] byReason = new long[MAX_REASON];
    final long[] byPort = new long[0x10000];
    long mmioExits;
    long interruptsInjected;
    long windowRequests;
    long timerKicks;
    long emulatedInJava;
    long kvmRunNanos;
    long totalRunNanos;
    /** Time the vCPU spent halted in TimerQueue.idle(), waiting for a timer: neither KVM nor exit handling. */
    long idleNanos;

    void countExit(int reason) {
        byReason[Math.floorMod(reason, MAX_REASON)]++;
    }

    long totalExits() {
        long n = 0;
        for (long c : byReason) n += c;
        return n;
    }

    /** One line per counter, most frequent ports first. */
    String format(String host) {
        StringBuilder sb = new StringBuilder();
        long exits = totalExits();
        long busy = Math.max(0, totalRunNanos - idleNanos);
        long java = Math.max(0, busy - kvmRunNanos);
        sb.append("kvm host: ").append(host).append('\n');
        sb.append(String.format("kvm exits: %d (one per %.2f us of busy time, %.2f us of it in Java per exit)%n",
                exits, exits == 0 ? 0.0 : busy / 1000.0 / exits, exits == 0 ? 0.0 : java / 1000.0 / exits));
        sb.append(String.format("kvm time: %.3f ms in KVM_RUN, %.3f ms in Java, %.3f ms idle in HLT%n",
                kvmRunNanos / 1e6, java / 1e6, idleNanos / 1e6));
        for (int r = 0; r < MAX_REASON; r++) {
            if (byReason[r] != 0) sb.append(String.format("kvm exit %s: %d%n", KvmApi.exitName(r), byReason[r]));
        }
        List<int[]> ports = new ArrayList<>();
        for (int p = 0; p < byPort.length; p++) if (byPort[p] != 0) ports.add(new int[] {p});
        ports.sort((a, b) -> Long.compare(byPort[b[0]], byPort[a[0]]));
        for (int i = 0; i < Math.min(10, ports.size()); i++) {
            int p = ports.get(i)[0];
            sb.append(String.format("kvm io port 0x%04x: %d%n", p, byPort[p]));
        }
        sb.append(String.format("kvm interrupts injected: %d, window requests: %d, timer kicks: %d%n",
                interruptsInjected, windowRequests, timerKicks));
        sb.append(String.format("kvm instructions run by the interpreter after an emulation failure: %d", emulatedInJava));
        return sb.toString();
    }
}
