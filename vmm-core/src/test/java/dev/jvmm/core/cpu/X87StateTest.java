package dev.jvmm.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class X87StateTest {
    private static X87State withRegister(X87State s, int r, int se, long sig) {
        List<Long> sigs = new ArrayList<>(s.significands());
        List<Integer> ses = new ArrayList<>(s.signExponents());
        sigs.set(r, sig);
        ses.set(r, se);
        return new X87State(s.control(), s.status(), s.tag(), sigs, ses, s.lastOpcode(), s.lastCs(), s.lastIp(), s.lastDs(), s.lastDp());
    }

    @Test
    void cpuStateDiffReportsEveryX87Field() {
        CpuState a = new CpuState(), b = a.copy();
        assertTrue(a.diff(b).isEmpty());
        X87State i = X87State.INITIAL;
        b.x87 = new X87State(0x027F, 0x3800 | 1, 0x3FFF, i.significands(), i.signExponents(), 0x1C1, 8, 0x1234, 0x10, 0x5678);
        b.x87 = withRegister(b.x87, 7, 0x3FFF, 0x8000_0000_0000_0000L);
        assertEquals(List.of("fpu.fcw: 37f -> 27f", "fpu.fsw: 0 -> 3801", "fpu.ftw: ffff -> 3fff",
                "fpu.r7: 0000:0000000000000000 -> 3fff:8000000000000000", "fpu.fop: 0 -> 1c1", "fpu.fcs: 0 -> 8",
                "fpu.fip: 0 -> 1234", "fpu.fds: 0 -> 10", "fpu.fdp: 0 -> 5678"), a.diff(b));
        assertEquals(7, b.x87.top());
        assertEquals(b.x87, b.copy().x87);
    }

    @Test
    void theRegisterListsAreCopiedAndSized() {
        List<Long> sigs = new ArrayList<>(X87State.INITIAL.significands());
        X87State s = new X87State(0x37F, 0, 0xFFFF, sigs, X87State.INITIAL.signExponents(), 0, 0, 0, 0, 0);
        sigs.set(0, 5L);
        assertEquals(0L, s.significands().get(0));
        assertThrows(IllegalArgumentException.class,
                () -> new X87State(0x37F, 0, 0xFFFF, List.of(1L), X87State.INITIAL.signExponents(), 0, 0, 0, 0, 0));
    }
}
