package dev.jvmm.cpu.decode;

/**
 * MMX and SSE-SSE4.2 rows of the 0F, 0F 38 and 0F 3A maps (Intel SDM vol. 2 tables ),
 * one per mandatory-prefix column. A form without {@code exec} is decoded and named but not yet
 * executed: the interpreter raises #UD (or #NM where CR0.TS asks for it first).
 */
final class SimdRows {
    private SimdRows() {}

    static void add(Rows r) {
        r.add("NP 0F 6E /r", "movd Pq,Ey").feature(Feature.MMX).jit(JitTreatment.CONTINUE);
        r.add("66 0F 6E /r", "movd Vx,Ey").feature(Feature.SSE2).jit(JitTreatment.CONTINUE);
    }
}
