package dev.jvmm.cpu.jit;

import static java.lang.constant.ConstantDescs.*;

import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.interp.Cpu;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits the body of one unit's {@code run(Cpu, JitRuntime)} method: the frame around the guest
 * instructions. {@link InsnEmitter} emits the instructions themselves with the helpers here.
 *
 * <h2>Frame</h2>
 * <ul>
 *   <li>Entry: the guest registers the region uses are loaded from {@code c.gpr} into long locals.</li>
 *   <li>Each guest instruction gets a label; direct branches inside the region are JVM gotos.</li>
 *   <li>Exits store RIP, spill the registers, add the retired instruction count and return the
 *       exit reason. They share one tail ({@code commonExit}), which leaves the lazy flags in
 *       {@link JitRuntime#ccOp} for the next unit ({@link JitRuntime#flagsAcrossUnits}) or
 *       materializes them.</li>
 *   <li>A compiled instruction that may fault first stores its RIP (as an offset) in a local; one
 *       exception handler covers the whole body and reads it, and the shared fault tail spills the
 *       registers (which the instruction had not yet changed) and lets {@link JitRuntime#refault}
 *       deliver the exception.</li>
 *   <li>An exit to a constant RIP reports a link slot ({@link JitRuntime#exitLink}): the run loop
 *       remembers there which unit came next and goes straight to it next time (chaining).</li>
 *   <li>Backward branches count retired instructions against {@link #BUDGET} so interrupts and
 *       timers are serviced.</li>
 * </ul>
 *
 * <h2>Lazy flags</h2>
 * A flag-producing instruction does not compute RFLAGS: it records the operation, operands and
 * result in four locals ({@code ccOp, ccA, ccB, ccR}). A Jcc/SETcc/CMOVcc right after the producer
 * (no join in between) evaluates its condition straight from those locals (cmp/test + jcc fusion);
 * any other reader, an exit or a fault calls {@link Flags#materialize}. HotSpot drops the stores
 * nobody reads, so dead flags cost nothing.
 */
final class UnitEmitter {
    /**
     * Guest instructions a unit may retire before a back edge to an entry point leaves it, so the
     * dispatcher can deliver interrupts and run due timers within microseconds. Each budget exit
     * and re-entry costs a little, so a smaller budget cost tight loops (sieve32, crc32, matmul32)
     * a visible share of their steady speed (figures in {@code bench/results/design-measurements.md}).
     */
    static final int BUDGET = 16384;
    /**
     * The budget at a back edge whose target is not an entry point (an inner loop, see
     * {@link LoopEntries}): larger, so the unit leaves at its outer loop's header, and bounding how
     * long an inner loop may spin before interrupts are looked at again.
     */
    static final int INNER_BUDGET = 4 * BUDGET;
    static final ClassDesc CD_CPU = ClassDesc.of(Cpu.class.getName());
    static final ClassDesc CD_RT = ClassDesc.of(JitRuntime.class.getName());
    static final ClassDesc CD_FLAGS = ClassDesc.of(Flags.class.getName());
    static final ClassDesc CD_CPU_EXCEPTION = ClassDesc.of(CpuException.class.getName());
    static final MethodTypeDesc MTD_READ = MethodTypeDesc.of(CD_long, CD_int, CD_long, CD_int);
    static final MethodTypeDesc MTD_WRITE = MethodTypeDesc.of(CD_void, CD_int, CD_long, CD_int, CD_long);
    static final MethodTypeDesc MTD_MATERIALIZE = MethodTypeDesc.of(CD_void, CD_CPU, CD_int, CD_long, CD_long, CD_long);
    static final MethodTypeDesc MTD_COND = MethodTypeDesc.of(CD_boolean, CD_long, CD_int);
    static final MethodTypeDesc MTD_LOGIC = MethodTypeDesc.of(CD_void, CD_CPU, CD_int, CD_long);
    static final MethodTypeDesc MTD_CARRY = MethodTypeDesc.of(CD_long, CD_long, CD_int, CD_long, CD_long, CD_long);
    static final MethodTypeDesc MTD_FALLBACK = MethodTypeDesc.of(CD_boolean, CD_CPU, CD_long, CD_long);
    static final MethodTypeDesc MTD_REFAULT = MethodTypeDesc.of(CD_int, CD_CPU);
    static final MethodTypeDesc MTD_GP = MethodTypeDesc.of(CD_CPU_EXCEPTION, CD_int);
    static final MethodTypeDesc MTD_FLAGS3 = MethodTypeDesc.of(CD_void, CD_CPU, CD_int, CD_long, CD_long, CD_long, CD_long);

    static final ClassDesc CD_FASTMEM = ClassDesc.of(FastMem.class.getName());
    /** The unit's soft TLB: element 1 of the hidden class's data, a constant to HotSpot (see {@link FastMem}). */
    static final java.lang.constant.DynamicConstantDesc<FastMem> FAST_MEM =
            java.lang.constant.DynamicConstantDesc.ofNamed(BSM_CLASS_DATA_AT, DEFAULT_NAME, CD_FASTMEM, 1);
    static final MethodTypeDesc MTD_FAST_READ = MethodTypeDesc.of(CD_long, CD_FASTMEM, CD_CPU, CD_int, CD_long, CD_int);
    static final MethodTypeDesc MTD_REFILL = MethodTypeDesc.of(CD_boolean, CD_FASTMEM, CD_CPU, CD_long, CD_int, CD_int);
    static final MethodTypeDesc MTD_FAST_WRITE = MethodTypeDesc.of(CD_void, CD_FASTMEM, CD_CPU, CD_int, CD_long, CD_int, CD_long);
    /** The soft TLB's entries ({@link FastMem#tlb}), element 2 of the class data. */
    static final java.lang.constant.DynamicConstantDesc<long[]> TLB =
            java.lang.constant.DynamicConstantDesc.ofNamed(BSM_CLASS_DATA_AT, DEFAULT_NAME, CD_long.arrayType(), 2);
    static final ClassDesc CD_SEGMENT = ClassDesc.of("java.lang.foreign.MemorySegment");
    static final java.lang.constant.DynamicConstantDesc<Object> RAM =
            java.lang.constant.DynamicConstantDesc.ofNamed(BSM_CLASS_DATA_AT, DEFAULT_NAME, CD_SEGMENT, 3);
    static final ClassDesc CD_UNSAFE = ClassDesc.of("jdk.internal.misc.Unsafe");
    static final ClassDesc CD_VAR_HANDLE = ClassDesc.of("java.lang.invoke.VarHandle");
    static final MethodTypeDesc MTD_FENCE = MethodTypeDesc.of(CD_void);
    /** The internal Unsafe for direct RAM access (element 4 of the class data; only raw-memory units load it, see {@link RawMemory}). */
    static final java.lang.constant.DynamicConstantDesc<Object> UNSAFE =
            java.lang.constant.DynamicConstantDesc.ofNamed(BSM_CLASS_DATA_AT, DEFAULT_NAME, CD_UNSAFE, 4);
    static final MethodTypeDesc MTD_LOAD = MethodTypeDesc.of(CD_long, CD_SEGMENT, CD_long);
    static final MethodTypeDesc MTD_STORE = MethodTypeDesc.of(CD_void, CD_SEGMENT, CD_long, CD_long);
    static final MethodTypeDesc MTD_TLB_MISS = MethodTypeDesc.of(CD_int, CD_CPU, CD_long, CD_int);
    static final int C = 1, RT = 2;

    final CodeBuilder cb;
    final Region region;
    final int mode;
    final int stackSize;
    private final int[] regSlot = new int[16];
    private int gprSlot;
    int link, icount, flushed, ccOp, ccA, ccB, ccR, tA, tB, tR, tEA, tRip, tC, reason;
    private final Map<Long, Label> labels = new HashMap<>();
    private final Map<Long, Label> exitStubs = new HashMap<>();
    private final List<long[]> exitStubList = new ArrayList<>();
    /**
     * Guest faults: one exception handler covers every instruction's code; local tFault holds the
     * guarded instruction's RIP as an offset from {@link #faultBase}, or -1 outside guarded code.
     * (One handler per guarded instruction made the class-file API's stack-map generation and the
     * class verifier loop over every handler at every bytecode.)
     */
    private int tFault, guardDepth;
    private long faultBase;
    private boolean anyGuard;
    private Label bodyStart, bodyEnd, faultHandler;
    /** Pool entries of the class-data constants, made once per unit ({@link #ldcData}). */
    private final java.lang.classfile.constantpool.ConstantDynamicEntry[] dataEntries =
            new java.lang.classfile.constantpool.ConstantDynamicEntry[5];
    private final List<Object[]> missStubs = new ArrayList<>();
    private Label missCommon;
    private int tIdx;
    private final List<Object[]> backEdges = new ArrayList<>();
    private Label commonExit, fallbackExit, faultCommon;

    /** The next fast read is the read half of a read-modify-write (probe the write TLB, keep the address). */
    private boolean readForUpdate;
    /** tPa holds the RAM offset a read-for-update found; the matching write goes there without a probe. */
    private boolean updateReady;
    private int updateSeg, updateSize, tPa;
    /**
     * Store-to-load forwarding inside straight-line code: the last store through the soft TLB to
     * an instruction operand, [{@link #fwdKey}] = local tFwd ({@link #fwdSize} bytes), or no
     * key. A later load of the same operand, size and address registers reads tFwd instead of
     * probing and loading again (compiled C spills a register to the stack and reloads it, as in
     * sieve32's inner loop). Forgotten at joins and entry points, at any other memory write, when
     * a register of the address changes, and around the interpreter. Not under lockstep, where a
     * store may take the slow path (to MMIO, say) without leaving the unit.
     */
    private String fwdKey;
    private int fwdSize, fwdRegs, tFwd;
    /**
     * Carry joins: INC/DEC instructions that are jump targets or entry points. They keep CF, so
     * they read it, and after a join the lazy flag state is dynamic, which would cost a switch
     * over every producer kind on every pass ({@link Flags#carry}). Instead each edge into a carry
     * join computes CF from what it knows statically and passes it in local tCin: a jump through a
     * small stub ({@link #carryEdges}), a fall-through inline, an entry from the dispatcher from
     * RFLAGS. {@link #carryInReady}: the instruction being emitted is a carry join and tCin holds its CF.
     */
    private final java.util.Set<Long> carryJoins = new java.util.HashSet<>();
    /** {@code -Djvmm.jit.carryJoins=false}: INC/DEC after a join compute CF from the dynamic lazy state instead. */
    static final boolean CARRY_JOINS = Boolean.parseBoolean(System.getProperty("jvmm.jit.carryJoins", "true"));
    private final List<Object[]> carryEdges = new ArrayList<>();
    private boolean carryInReady;
    private int tCin;
    /** The current instruction made a write that did not go through the soft TLB. */
    private boolean slowWrite;
    /** The guest instruction being emitted. */
    GuestInsn cur;
    /** Statically known lazy flag producer ({@code kind << 4 | size}) whose operands are in ccA/ccB/ccR, or -1. */
    int knownOp = -1;
    /** ccOp may be non-zero here. */
    boolean pendingMaybe;

    UnitEmitter(CodeBuilder cb, Region region) {
        this.cb = cb;
        this.region = region;
        this.mode = region.key.mode();
        this.stackSize = region.key.stackSize();
    }

    // ---- the method ----

    void emit() {
        region.classConstants.clear();
        gprSlot = cb.allocateLocal(TypeKind.REFERENCE);
        java.util.Arrays.fill(regSlot, -1);
        int regs = usedRegisters();
        for (int r = 0; r < 16; r++) if ((regs & (1 << r)) != 0) regSlot[r] = cb.allocateLocal(TypeKind.LONG);
        icount = cb.allocateLocal(TypeKind.INT);
        flushed = cb.allocateLocal(TypeKind.INT);
        reason = cb.allocateLocal(TypeKind.INT);
        link = cb.allocateLocal(TypeKind.INT);
        ccOp = cb.allocateLocal(TypeKind.INT);
        ccA = cb.allocateLocal(TypeKind.LONG);
        ccB = cb.allocateLocal(TypeKind.LONG);
        ccR = cb.allocateLocal(TypeKind.LONG);
        tA = cb.allocateLocal(TypeKind.LONG);
        tB = cb.allocateLocal(TypeKind.LONG);
        tR = cb.allocateLocal(TypeKind.LONG);
        tEA = cb.allocateLocal(TypeKind.LONG);
        tRip = cb.allocateLocal(TypeKind.LONG);
        tC = cb.allocateLocal(TypeKind.LONG);
        tIdx = cb.allocateLocal(TypeKind.INT);
        tPa = cb.allocateLocal(TypeKind.LONG);
        tFwd = cb.allocateLocal(TypeKind.LONG);
        tCin = cb.allocateLocal(TypeKind.LONG);
        tFault = cb.allocateLocal(TypeKind.INT);
        commonExit = cb.newLabel();
        fallbackExit = cb.newLabel();
        faultCommon = cb.newLabel();
        bodyStart = cb.newLabel();
        bodyEnd = cb.newLabel();
        faultHandler = cb.newLabel();
        faultBase = region.instructions().iterator().next().rip;
        for (GuestInsn g : region.instructions()) faultBase = Math.min(faultBase, g.rip);
        missCommon = cb.newLabel();
        for (GuestInsn g : region.instructions()) labels.put(g.rip, cb.newLabel());

        cb.aload(C).getfield(CD_CPU, "gpr", CD_long.arrayType()).astore(gprSlot);
        reload();
        cb.iconst_0().istore(icount).iconst_0().istore(flushed).iconst_0().istore(reason);
        // The lazy flags the previous unit left (JitRuntime.ccOp; 0: RFLAGS is exact), taken over.
        cb.aload(RT).getfield(CD_RT, "ccOp", CD_int).istore(ccOp);
        cb.aload(RT).getfield(CD_RT, "ccA", CD_long).lstore(ccA);
        cb.aload(RT).getfield(CD_RT, "ccB", CD_long).lstore(ccB);
        cb.aload(RT).getfield(CD_RT, "ccR", CD_long).lstore(ccR);
        cb.aload(RT).iconst_0().putfield(CD_RT, "ccOp", CD_int);
        cb.iconst_m1().istore(link);
        cb.iconst_0().istore(tIdx).lconst_0().lstore(tPa).lconst_0().lstore(tFwd).lconst_0().lstore(tCin);
        cb.iconst_m1().istore(tFault);
        for (GuestInsn g : region.instructions()) {
            if (CARRY_JOINS && g.kind == GuestInsn.Kind.INLINE && ArithmeticEmitter.isIncDec(g.insn)
                    && (g.jumpPreds > 0 || region.leaders.contains(g.rip))) {
                carryJoins.add(g.rip);
            }
        }
        for (int s : new int[] {tA, tB, tR, tEA, tRip, tC}) cb.lconst_0().lstore(s);
        // Enter at the instruction RIP names: a switch over the entry points' page offsets.
        java.util.List<java.lang.classfile.instruction.SwitchCase> cases = new ArrayList<>();
        List<Long> carryEntries = new ArrayList<>();
        for (long rip : region.leaders) {
            Label to = labels.get(rip);
            if (carryJoins.contains(rip)) { // entered from the dispatcher: CF from RFLAGS and the lazy state taken over
                to = cb.newLabel();
                carryEntries.add(rip);
                carryEntries.add((long) cases.size());
            }
            cases.add(java.lang.classfile.instruction.SwitchCase.of((int) (rip & 0xFFF), to));
        }
        Label unknown = cb.newLabel();
        cb.aload(C).getfield(CD_CPU, "rip", CD_long).l2i().sipush(0xFFF).iand();
        cb.lookupswitch(unknown, cases);
        cb.labelBinding(unknown); // not an entry point (the cache never does this): leave at once
        cb.loadConstant(CompiledUnit.EXIT_BRANCH).istore(reason);
        cb.aload(C).getfield(CD_CPU, "rip", CD_long);
        cb.goto_(commonExit);
        for (int k = 0; k < carryEntries.size(); k += 2) {
            cb.labelBinding(cases.get((int) (long) carryEntries.get(k + 1)).target());
            cb.aload(C).getfield(CD_CPU, "flags", CD_long).iload(ccOp).lload(ccA).lload(ccB).lload(ccR)
                    .invokestatic(CD_FLAGS, "carry", MTD_CARRY).lstore(tCin);
            cb.goto_(labels.get(carryEntries.get(k)));
        }

        GuestInsn prev = null;
        cb.labelBinding(bodyStart);
        for (GuestInsn g : region.instructions()) {
            cur = g;
            slowWrite = false;
            updateReady = false;
            boolean straight = prev != null && prev.fallsThrough() && prev.next == g.rip;
            if (straight && knownOp >= 0 && g.jumpPreds == 0 && g.kind == GuestInsn.Kind.INLINE
                    && g.flow == GuestInsn.Flow.JCC && region.leaders.contains(g.rip)) {
                emitJccWithEntryCopy(g);
                prev = g;
                continue;
            }
            boolean carryJoin = carryJoins.contains(g.rip);
            if (carryJoin && straight) { // the fall-through edge into a carry join
                carryFlag();
                cb.lstore(tCin);
            }
            cb.labelBinding(labels.get(g.rip));
            cb.lineNumber(region.lineOf(g.rip)); // the "line" is the guest instruction: UnitTrace lists its bytecode under it
            carryInReady = carryJoin;
            if (!straight || g.jumpPreds > 0 || region.leaders.contains(g.rip) || g.rip == entryCopyJoin) {
                knownOp = -1;
                pendingMaybe = true;
                fwdKey = null;
            }
            if (g.kind == GuestInsn.Kind.INLINE) InsnEmitter.emit(this, g);
            else if (g.kind == GuestInsn.Kind.FALLBACK && DecodedCall.applies(g.insn)) DecodedCall.emit(this, g);
            else emitFallback(g);
            carryInReady = false;
            if (g.fallsThrough()) continueAfter(g);
            prev = g;
        }
        cb.labelBinding(bodyEnd);
        if (anyGuard) cb.exceptionCatch(bodyStart, bodyEnd, faultHandler, CD_CPU_EXCEPTION);
        cb.lineNumber(Region.TAILS_LINE);
        emitTails();
    }

    /**
     * The instruction after the last {@link #emitJccWithEntryCopy} Jcc: the entry copy falls through to it
     * with the flags in c.flags, so it is a join whatever the region's leaders say (a leader inside a loop
     * body may be dropped, see {@code LoopEntries}), and nothing known on the straight path (the fused
     * producer's operands, a forwarded store) holds there.
     */
    private long entryCopyJoin = -1;

    /**
     * A Jcc that is both the unit's entry point and reached straight from a known flag producer
     * (the hot entry was the instruction after a CMP): the entry gets its own copy, which reads the
     * flags the CPU holds, so the straight path keeps its fused compare-and-branch instead of
     * materializing RFLAGS on every pass.
     */
    private void emitJccWithEntryCopy(GuestInsn g) {
        entryCopyJoin = g.next;
        int straightOp = knownOp;
        boolean straightPending = pendingMaybe;
        Label fused = cb.newLabel();
        cb.goto_(fused);
        cb.labelBinding(labels.get(g.rip)); // entered from the dispatcher: flags are in c.flags
        cb.lineNumber(region.lineOf(g.rip));
        fwdKey = null; // a Jcc touches no memory, and the instruction after it is a join (entryCopyJoin)
        knownOp = -1;
        pendingMaybe = true;
        InsnEmitter.emit(this, g);
        jumpTo(g.next);
        cb.labelBinding(fused);
        cb.lineNumber(region.lineOf(g.rip));
        knownOp = straightOp;
        pendingMaybe = straightPending;
        InsnEmitter.emit(this, g);
        continueAfter(g);
    }

    /** After an instruction that falls through: a jump to the next one unless it is emitted right after. */
    private void continueAfter(GuestInsn g) {
        var following = region.insns.higherEntry(g.rip);
        if (following == null || following.getKey() != g.next) jumpTo(g.next);
    }

    /** Registers the region's compiled instructions touch (implicit operands included). */
    private int usedRegisters() {
        int used = 0xFF; // the eight legacy registers (implicit operands, 40+r / 50+r forms, byte registers)
        for (GuestInsn g : region.instructions()) {
            if (g.kind != GuestInsn.Kind.INLINE) continue;
            Insn i = g.insn;
            used |= 1 << i.reg | 1 << i.rm | 1 << (i.reg & 3) | 1 << (i.rm & 3);
            if (i.base >= 0) used |= 1 << i.base;
            if (i.index >= 0) used |= 1 << i.index;
        }
        return mode == 64 ? used & 0xFFFF : used & 0xFF;
    }

    private void emitTails() {
        for (Object[] c : carryEdges) { // a jump into a carry join: CF as this edge knows it, into tCin
            cb.labelBinding((Label) c[0]);
            knownOp = (Integer) c[2];
            pendingMaybe = (Boolean) c[3];
            carryFlag();
            cb.lstore(tCin);
            cb.goto_((Label) c[1]);
        }
        for (Object[] b : backEdges) { // budget check, then the internal jump
            cb.labelBinding((Label) b[0]);
            long target = (Long) b[1];
            // A back edge to a loop header that is no entry point (an inner loop: see LoopEntries)
            // leaves only at a much larger count: the outer loop's own check, at its header, is
            // where the unit normally leaves, and it can be entered there again.
            int budget = region.leaders.contains(target) ? BUDGET : INNER_BUDGET;
            cb.iload(icount).loadConstant(budget).if_icmpge(exitStub(target, CompiledUnit.EXIT_BUDGET));
            // Several vCPUs: another one's IPI must not wait for the budget (a spin-wait loop runs it down).
            if (region.tsoFences) cb.aload(RT).getfield(CD_RT, "kicked", CD_boolean).ifne(exitStub(target, CompiledUnit.EXIT_BUDGET));
            cb.goto_(labels.get(target));
        }
        for (int k = 0; k < exitStubList.size(); k++) { // constant-target exits carry a link slot number
            long[] e = exitStubList.get(k);
            cb.labelBinding(exitStubs.get(e[0] * 8 + e[1]));
            cb.loadConstant((int) e[1]).istore(reason);
            cb.loadConstant(k).istore(link);
            cb.loadConstant(e[0]);
            cb.goto_(commonExit);
        }
        region.exitSlots = exitStubList.size();
        // commonExit: stack = [rip]
        cb.labelBinding(commonExit);
        cb.lstore(tRip);
        Label eager = cb.newLabel(), flagsDone = cb.newLabel();
        cb.aload(RT).getfield(CD_RT, "flagsAcrossUnits", CD_boolean).ifeq(eager);
        cb.aload(RT).iload(ccOp).putfield(CD_RT, "ccOp", CD_int);
        cb.aload(RT).lload(ccA).putfield(CD_RT, "ccA", CD_long);
        cb.aload(RT).lload(ccB).putfield(CD_RT, "ccB", CD_long);
        cb.aload(RT).lload(ccR).putfield(CD_RT, "ccR", CD_long);
        cb.goto_(flagsDone);
        cb.labelBinding(eager);
        materializeDynamic();
        cb.labelBinding(flagsDone);
        spill();
        cb.aload(C).lload(tRip).putfield(CD_CPU, "rip", CD_long);
        flushCount();
        cb.aload(RT).iload(link).putfield(CD_RT, "exitLink", CD_int);
        cb.iload(reason).ireturn();
        // fallbackExit: the interpreter left RIP, registers and flags in c
        cb.labelBinding(fallbackExit);
        flushCount();
        cb.iload(reason).ireturn();
        if (anyGuard) { // the fault handler: stack = [CpuException]
            cb.labelBinding(faultHandler);
            Label guarded = cb.newLabel();
            cb.iload(tFault).ifge(guarded);
            cb.athrow(); // thrown outside a guarded instruction: leaves the unit as if there were no handler
            cb.labelBinding(guarded);
            cb.pop();
            cb.iload(tFault).i2l().loadConstant(faultBase).ladd();
            cb.goto_(faultCommon);
        }
        for (Object[] m : missStubs) { // a soft-TLB miss: the interpreter makes the access, tEA holds its address
            cb.labelBinding((Label) m[0]);
            if (m[3] != null) { // first try to enter the page and probe again without leaving the unit
                loadFastMem();
                cb.aload(C).lload(tEA).loadConstant((Integer) m[4]).loadConstant((Integer) m[5])
                        .invokestatic(CD_FASTMEM, "refill", MTD_REFILL).ifne((Label) m[3]);
            }
            cb.loadConstant((Long) m[1]).lstore(tRip);
            cb.loadConstant((Integer) m[2]).istore(reason);
            cb.goto_(missCommon);
        }
        if (!missStubs.isEmpty()) {
            cb.labelBinding(missCommon);
            materializeDynamic();
            spill();
            cb.aload(C).lload(tRip).putfield(CD_CPU, "rip", CD_long);
            flushCount();
            cb.aload(RT).aload(C).lload(tEA).iload(reason).invokevirtual(CD_RT, "tlbMiss", MTD_TLB_MISS).ireturn();
        }
        cb.labelBinding(faultCommon);
        cb.lstore(tRip);
        materializeDynamic();
        spill();
        cb.aload(C).lload(tRip).putfield(CD_CPU, "rip", CD_long);
        flushCount();
        cb.aload(RT).aload(C).invokevirtual(CD_RT, "refault", MTD_REFAULT).ireturn();
    }

    // ---- registers ----

    void spill() {
        spill(0xFFFF);
    }

    void reload() {
        reload(0xFFFF);
    }

    /** Stores the cached registers whose bits are set in {@code mask} to {@code c.gpr}. */
    void spill(int mask) {
        for (int r = 0; r < 16; r++) {
            if (regSlot[r] >= 0 && (mask & (1 << r)) != 0) cb.aload(gprSlot).loadConstant(r).lload(regSlot[r]).lastore();
        }
    }

    /** Loads the cached registers whose bits are set in {@code mask} from {@code c.gpr}. */
    void reload(int mask) {
        for (int r = 0; r < 16; r++) {
            if (regSlot[r] >= 0 && (mask & (1 << r)) != 0) cb.aload(gprSlot).loadConstant(r).laload().lstore(regSlot[r]);
        }
    }

    /** A constant of the unit class for {@code o} (an element of its class data, see {@link Region#classConstants}). */
    java.lang.constant.DynamicConstantDesc<Object> classConstant(Object o, ClassDesc type) {
        region.classConstants.add(o);
        return java.lang.constant.DynamicConstantDesc.ofNamed(BSM_CLASS_DATA_AT, DEFAULT_NAME, type,
                UnitCompiler.FIXED_CLASS_DATA + region.classConstants.size() - 1);
    }

    /** Forgets the remembered store ({@link #fwdKey}): something outside the unit's view may write memory. */
    void forgetStore() {
        fwdKey = null;
    }

    private int slot(int r) {
        if (regSlot[r] < 0) throw new IllegalStateException("register " + r + " not cached");
        return regSlot[r];
    }

    /** Pushes register {@code r} of {@code size} bytes, zero-extended; byte registers 4-7 are AH..BH without REX. */
    void loadReg(int size, int r, boolean rex) {
        switch (size) {
            case 1 -> {
                if (!rex && r >= 4 && r < 8) cb.lload(slot(r - 4)).bipush(8).lushr();
                else cb.lload(slot(r));
                cb.loadConstant(0xFFL).land();
            }
            case 2 -> cb.lload(slot(r)).loadConstant(0xFFFFL).land();
            case 4 -> cb.lload(slot(r)).loadConstant(0xFFFF_FFFFL).land();
            default -> cb.lload(slot(r));
        }
    }

    /** Like {@link #storeReg}, for a value already zero-extended from {@code size} bytes (no mask needed). */
    void storeRegZx(int size, int r, boolean rex) {
        registerWritten(r);
        if (size == 4) cb.lstore(slot(r));
        else storeReg(size, r, rex);
    }

    /** Pops a long and writes it to register {@code r}: 32-bit writes zero-extend, 8/16-bit ones merge. */
    void storeReg(int size, int r, boolean rex) {
        registerWritten(size == 1 && !rex && r >= 4 && r < 8 ? r - 4 : r);
        switch (size) {
            case 1 -> {
                if (!rex && r >= 4 && r < 8) {
                    cb.loadConstant(0xFFL).land().bipush(8).lshl();
                    cb.lload(slot(r - 4)).loadConstant(~0xFF00L).land().lor().lstore(slot(r - 4));
                } else {
                    cb.loadConstant(0xFFL).land();
                    cb.lload(slot(r)).loadConstant(~0xFFL).land().lor().lstore(slot(r));
                }
            }
            case 2 -> {
                cb.loadConstant(0xFFFFL).land();
                cb.lload(slot(r)).loadConstant(~0xFFFFL).land().lor().lstore(slot(r));
            }
            case 4 -> cb.loadConstant(0xFFFF_FFFFL).land().lstore(slot(r));
            default -> cb.lstore(slot(r));
        }
    }

    // ---- memory ----

    /** Pushes the effective address of the current instruction's memory operand (truncated to the address size). */
    void ea() {
        Insn i = cur.insn;
        long disp = i.disp + (i.ripRelative ? cur.next : 0);
        boolean any = false;
        if (i.base >= 0) {
            cb.lload(slot(i.base));
            any = true;
        }
        if (i.index >= 0) {
            cb.lload(slot(i.index));
            if (i.scale != 0) cb.loadConstant(i.scale).lshl();
            if (any) cb.ladd();
            any = true;
        }
        if (!any) {
            cb.loadConstant(disp & addrMask(i));
            return;
        }
        if (disp != 0) cb.loadConstant(disp).ladd();
        if (i.addrSize != 8) cb.loadConstant(addrMask(i)).land();
    }

    static long addrMask(Insn i) {
        return i.addrSize == 2 ? 0xFFFF : i.addrSize == 4 ? 0xFFFF_FFFFL : -1L;
    }

    /**
     * True if the current instruction's memory operand, {@code size} bytes, is aligned to its size
     * whatever the registers hold, so it cannot cross a page: no base register, and the index
     * scale and displacement are multiples of the size (an array access like [eax*4+table]), or a
     * constant address that is.
     */
    boolean operandAligned(int size) {
        Insn i = cur.insn;
        if (i.base >= 0) return false;
        long disp = (i.disp + (i.ripRelative ? cur.next : 0)) & addrMask(i);
        if ((disp & (size - 1)) != 0) return false;
        return i.index < 0 || (1 << i.scale) % size == 0;
    }

    /** True if an access through {@code seg} may take the soft-TLB fast path (no segmentation to apply). */
    boolean fastSegment(int seg) {
        return region.key.flat() && seg != Insn.FS && seg != Insn.GS && seg != Insn.CS;
    }

    /** Pushes the value at seg:[tEA] (may throw a guest exception). */
    void memRead(int seg, int size) {
        memRead(seg, size, false);
    }

    /** {@link #memRead(int, int)}; {@code aligned}: tEA is known to be a multiple of {@code size}. */
    void memRead(int seg, int size, boolean aligned) {
        if (fastSegment(seg)) {
            Label miss = cb.newLabel(), done = cb.newLabel(), again = cb.newLabel();
            // A read-modify-write probes the write TLB once (a writable RAM page is readable) and
            // keeps the offset for its write; lockstep keeps the two halves separate.
            boolean update = readForUpdate && !region.missCallsInUnit;
            int which = update ? FastMem.WRITE : FastMem.READ;
            cb.labelBinding(again);
            probe(which, size, aligned, miss);
            if (update) {
                cb.lstore(tPa).lload(tPa);
                updateReady = true;
                updateSeg = seg;
                updateSize = size;
            }
            load(size);
            if (region.missCallsInUnit) {
                cb.goto_(done);
                cb.labelBinding(miss);
                loadFastMem();
                cb.aload(C).loadConstant(seg).lload(tEA).loadConstant(size).invokestatic(CD_FASTMEM, "readMiss", MTD_FAST_READ);
            } else {
                missStubs.add(new Object[] {miss, cur.rip, update ? 1 : 0, probesTlb(which) ? again : null, size, which});
            }
            cb.labelBinding(done);
            return;
        }
        cb.aload(C).loadConstant(seg).lload(tEA).loadConstant(size).invokevirtual(CD_CPU, "read", MTD_READ);
    }

    /** Writes local {@code valueSlot} to seg:[tEA]. */
    void memWrite(int seg, int size, int valueSlot) {
        memWrite(seg, size, valueSlot, false);
    }

    /** {@link #memWrite(int, int, int)}; {@code aligned}: tEA is known to be a multiple of {@code size}. */
    void memWrite(int seg, int size, int valueSlot, boolean aligned) {
        fwdKey = null; // it may overwrite what the last store put there
        if (fastSegment(seg) && updateReady && seg == updateSeg && size == updateSize) {
            updateReady = false; // the write half of a read-modify-write: same address, already probed
            pushUpdateTarget();
            cb.lload(valueSlot);
            store(size);
            return;
        }
        if (fastSegment(seg)) {
            Label miss = cb.newLabel(), done = cb.newLabel(), again = cb.newLabel();
            cb.labelBinding(again);
            probe(FastMem.WRITE, size, aligned, miss);
            cb.lload(valueSlot);
            store(size);
            if (region.missCallsInUnit) {
                cb.goto_(done);
                cb.labelBinding(miss);
                loadFastMem();
                cb.aload(C).loadConstant(seg).lload(tEA).loadConstant(size).lload(valueSlot)
                        .invokestatic(CD_FASTMEM, "writeMiss", MTD_FAST_WRITE);
                slowWrite = true; // it may have hit a code page
            } else {
                missStubs.add(new Object[] {miss, cur.rip, 1, again, size, FastMem.WRITE});
            }
            cb.labelBinding(done);
            return;
        }
        slowWrite = true;
        cb.aload(C).loadConstant(seg).lload(tEA).loadConstant(size).lload(valueSlot).invokevirtual(CD_CPU, "write", MTD_WRITE);
    }

    private void loadFastMem() {
        ldcData(FAST_MEM);
    }

    /** Loads a class-data constant ({@link #FAST_MEM}, {@link #TLB}, {@link #RAM}, {@link #UNSAFE}) through its pool entry, made once. */
    private CodeBuilder ldcData(java.lang.constant.DynamicConstantDesc<?> desc) {
        int k = desc == FAST_MEM ? 1 : desc == TLB ? 2 : desc == RAM ? 3 : desc == UNSAFE ? 4 : 0;
        if (k == 0) throw new IllegalArgumentException("not a class-data constant: " + desc);
        if (dataEntries[k] == null) dataEntries[k] = cb.constantPool().constantDynamicEntry(desc);
        return cb.ldc(dataEntries[k]);
    }

    /**
     * The soft-TLB probe for an access of {@code size} bytes at flat linear address tEA: on a hit
     * leaves (RAM segment, physical address) on the stack; on a miss, or an access crossing the
     * page, goes to {@code miss} with an empty stack ({@code aligned}: it cannot cross, no test).
     * {@code which} is {@link FastMem#READ} or {@link FastMem#WRITE}: index i's entry for it is the
     * (tag, addend) pair at [4i + which, 4i + which + 1]. The place of the access is tEA plus the
     * entry's addend, as in QEMU's soft TLB.
     *
     * <p>The index and the tag compare both use the page number {@code tEA >>> 12}. C2 knows the
     * range of an unsigned shift of a bounded value, so for an access whose address range stays
     * in one page (a table indexed by a byte, as in crc32's inner loop) the whole probe becomes
     * loop-invariant and leaves the loop. (Comparing {@code tEA & ~0xFFF} instead, which could
     * fold an alignment test into the compare, lost that, and crc32 ran much slower.)
     */
    private void probe(int which, int size, boolean aligned, Label miss) {
        if (!probesTlb(which)) {
            directRead(size, miss);
            return;
        }
        cb.lload(tEA).bipush(12).lushr().l2i().sipush(FastMem.SIZE - 1).iand().iconst_2().ishl().istore(tIdx);
        // (Comparing the tag with the page of the last byte instead, which folds the crossing test
        // into the tag test, was slower on sieve32: C2 no longer shares lin >>> 12.)
        ldcData(TLB).iload(tIdx).loadConstant(which).iadd().laload().lload(tEA).bipush(12).lushr().lcmp().ifne(miss);
        if (!aligned && size > 1) cb.lload(tEA).loadConstant(0xFFFL).land().loadConstant((long) (4096 - size)).lcmp().ifgt(miss);
        // The entry's addend plus tEA: the host address (raw units) or the RAM offset (segment units).
        if (region.rawMemory) ldcData(UNSAFE).aconst_null();
        else ldcData(RAM);
        ldcData(TLB).iload(tIdx).loadConstant(which + 1).iadd().laload().lload(tEA).ladd();
    }

    /** False for a read in a physical unit, which compares with directEnd instead ({@link #directRead}). */
    private boolean probesTlb(int which) {
        return !(region.directEnd > 0 && which == FastMem.READ);
    }

    /**
     * A read in a physical unit ({@link Region#directEnd}): linear addresses are physical ones, and
     * RAM below directEnd is one block without MMIO, so the read needs one compare, no TLB probe
     * (on sort32 the probes were a large part of the steady state). Reads at or past
     * directEnd (MMIO, ROM, the end of RAM) go to {@code miss}, where the interpreter makes them.
     * Leaves the host address on the stack, as {@link #probe} does for raw units.
     *
     * <p>Writes keep the write TLB, which never holds a page of translated code. Writes tested
     * against the page-kind table instead ran sort32 a little faster, but made sieve32 bimodal: in
     * some runs HotSpot compiled one of its units with a scan loop that passes its counter through
     * two stack slots, far slower than with TLB writes (figures in {@code bench/results/design-measurements.md}).
     */
    private void directRead(int size, Label miss) {
        cb.lload(tEA).loadConstant(region.directEnd - size).lcmp().ifgt(miss);
        ldcData(UNSAFE).aconst_null().loadConstant(region.ramBase).lload(tEA).ladd();
    }

    /** Loads {@code size} bytes, zero-extended to a long, at the place the probe (or {@link #pushUpdateTarget}) left on the stack. */
    private void load(int size) {
        if (!region.rawMemory) {
            cb.invokestatic(CD_FASTMEM, "load" + size, MTD_LOAD);
        } else {
            switch (size) {
                case 1 -> cb.invokevirtual(CD_UNSAFE, "getByte", MethodTypeDesc.of(CD_byte, CD_Object, CD_long)).sipush(0xFF).iand().i2l();
                case 2 -> cb.invokevirtual(CD_UNSAFE, "getShortUnaligned", MethodTypeDesc.of(CD_short, CD_Object, CD_long)).ldc(0xFFFF).iand().i2l();
                case 4 -> cb.invokevirtual(CD_UNSAFE, "getIntUnaligned", MethodTypeDesc.of(CD_int, CD_Object, CD_long)).i2l().loadConstant(0xFFFF_FFFFL).land();
                default -> cb.invokevirtual(CD_UNSAFE, "getLongUnaligned", MethodTypeDesc.of(CD_long, CD_Object, CD_long));
            }
        }
        if (region.tsoFences) cb.invokestatic(CD_VAR_HANDLE, "acquireFence", MTD_FENCE);
    }

    /** Stores the low {@code size} bytes of the long on top of the stack at the place below it. */
    private void store(int size) {
        if (region.tsoFences) cb.invokestatic(CD_VAR_HANDLE, "releaseFence", MTD_FENCE);
        if (!region.rawMemory) {
            cb.invokestatic(CD_FASTMEM, "store" + size, MTD_STORE);
            return;
        }
        switch (size) {
            case 1 -> cb.l2i().invokevirtual(CD_UNSAFE, "putByte", MethodTypeDesc.of(CD_void, CD_Object, CD_long, CD_byte));
            case 2 -> cb.l2i().invokevirtual(CD_UNSAFE, "putShortUnaligned", MethodTypeDesc.of(CD_void, CD_Object, CD_long, CD_short));
            case 4 -> cb.l2i().invokevirtual(CD_UNSAFE, "putIntUnaligned", MethodTypeDesc.of(CD_void, CD_Object, CD_long, CD_int));
            default -> cb.invokevirtual(CD_UNSAFE, "putLongUnaligned", MethodTypeDesc.of(CD_void, CD_Object, CD_long, CD_long));
        }
    }

    /** Pushes the place a read-for-update found (tPa), ready for {@link #store}. */
    private void pushUpdateTarget() {
        if (region.rawMemory) ldcData(UNSAFE).aconst_null().lload(tPa);
        else ldcData(RAM).lload(tPa);
    }

    /** {@link #loadRm} for an operand the instruction then writes back with {@code storeRm(size, slot, false)}. */
    void loadRmForUpdate(int size) {
        readForUpdate = true;
        loadRm(size);
        readForUpdate = false;
    }

    /** Pushes the r/m operand; for memory, computes the address into tEA first. */
    void loadRm(int size) {
        Insn i = cur.insn;
        if (i.mod == 3) {
            loadReg(size, i.rm, i.rex != 0);
        } else if (!readForUpdate && fwdKey != null && fwdSize == size && fastSegment(i.memSeg) && fwdKey.equals(operandKey())) {
            cb.lload(tFwd); // the value the last store put there (see fwdKey)
            if (size != 8) cb.loadConstant(Flags.mask(size)).land();
        } else {
            ea();
            cb.lstore(tEA);
            memRead(i.memSeg, size, operandAligned(size));
        }
    }

    /** Writes local {@code valueSlot} to the r/m operand (tEA must hold the address of a memory operand, unless {@code computeEa}). */
    void storeRm(int size, int valueSlot, boolean computeEa) {
        Insn i = cur.insn;
        if (i.mod == 3) {
            cb.lload(valueSlot);
            storeReg(size, i.rm, i.rex != 0);
        } else {
            if (computeEa) {
                ea();
                cb.lstore(tEA);
            }
            memWrite(i.memSeg, size, valueSlot, operandAligned(size));
            rememberStore(size, valueSlot);
        }
    }

    /** After a store of local {@code valueSlot} to the current instruction's operand: later loads of it may use the value. */
    void rememberStore(int size, int valueSlot) {
        Insn i = cur.insn;
        if (region.missCallsInUnit || !fastSegment(i.memSeg)) return;
        cb.lload(valueSlot).lstore(tFwd);
        fwdKey = operandKey();
        fwdSize = size;
        fwdRegs = (i.base >= 0 ? 1 << i.base : 0) | (i.index >= 0 ? 1 << i.index : 0);
    }

    /** The current instruction's memory operand as an expression: base, index, scale, displacement, address size. */
    private String operandKey() {
        Insn i = cur.insn;
        long disp = i.disp + (i.ripRelative ? cur.next : 0);
        return i.base + "," + i.index + "," + i.scale + "," + disp + "," + i.addrSize;
    }

    /** Register {@code r} is about to change: a remembered store addressed through it no longer names the same place. */
    private void registerWritten(int r) {
        if (fwdKey != null && (fwdRegs & (1 << r)) != 0) fwdKey = null;
    }

    /** After a guest memory write: leave the unit (at the next instruction) if the write hit translated code. */
    void checkCodeWrite() {
        checkCodeWrite(cur.next);
    }

    /** After a guest memory write: leave the unit at {@code resume} if the write hit translated code. */
    void checkCodeWrite(long resume) {
        if (!slowWrite) return; // soft-TLB writes never reach a page holding translated code
        slowWrite = false;
        cb.aload(RT).getfield(CD_RT, "codeWritten", CD_boolean).ifne(exitStub(resume, CompiledUnit.EXIT_SMC));
    }

    // ---- faults ----

    /**
     * Starts the guarded (may-fault) part of the current instruction: a guest fault from here to
     * {@link #guardEnd} re-runs the instruction on the interpreter ({@link JitRuntime#refault}).
     */
    Label guardStart() {
        Label l = cb.newLabel();
        if (guardDepth++ == 0) {
            long offset = cur.rip - faultBase;
            if (offset < 0 || offset > Integer.MAX_VALUE) throw new IllegalStateException("instruction outside its region: " + Long.toHexString(cur.rip));
            cb.loadConstant((int) offset).istore(tFault);
        }
        anyGuard = true;
        cb.labelBinding(l);
        return l;
    }

    /** Ends the guarded part {@link #guardStart} began. */
    void guardEnd(Label start) {
        if (--guardDepth == 0) cb.iconst_m1().istore(tFault);
        else if (guardDepth < 0) throw new IllegalStateException("guardEnd without guardStart");
    }

    /** Throws #GP(0) through the guest exception path. */
    void throwGp() {
        cb.aload(C).iconst_0().invokevirtual(CD_CPU, "gp", MTD_GP).athrow();
    }

    // ---- control ----

    void retire() {
        cb.iinc(icount, 1);
    }

    private void flushCount() {
        cb.aload(C).dup().getfield(CD_CPU, "instructions", CD_long);
        cb.iload(icount).iload(flushed).isub().i2l().ladd().putfield(CD_CPU, "instructions", CD_long);
        cb.iload(icount).istore(flushed);
    }

    Label exitStub(long rip, int why) {
        long k = rip * 8 + why;
        return exitStubs.computeIfAbsent(k, key -> {
            exitStubList.add(new long[] {rip, why});
            return cb.newLabel();
        });
    }

    /** The label to branch to for guest address {@code target}: inside the region (with a budget check on backward edges) or an exit. */
    Label branchTarget(long target) {
        Label in = labels.get(target);
        if (in == null) return exitStub(target, CompiledUnit.EXIT_BRANCH);
        if (target <= cur.rip) {
            Label check = cb.newLabel();
            backEdges.add(new Object[] {check, target});
            in = check;
        }
        if (!carryJoins.contains(target)) return in;
        Label edge = cb.newLabel(); // the flags are as the branch leaves them (no branch writes them)
        carryEdges.add(new Object[] {edge, in, knownOp, pendingMaybe});
        return edge;
    }

    void jumpTo(long target) {
        cb.goto_(branchTarget(target));
    }

    /** Leaves the unit with the RIP on the operand stack. */
    void exitDynamic(int why) {
        cb.loadConstant(why).istore(reason);
        cb.goto_(commonExit);
    }

    // ---- lazy flags ----

    void materializeDynamic() {
        Label done = cb.newLabel();
        cb.iload(ccOp).ifeq(done);
        cb.aload(C).iload(ccOp).lload(ccA).lload(ccB).lload(ccR).invokestatic(CD_FLAGS, "materialize", MTD_MATERIALIZE);
        cb.iconst_0().istore(ccOp);
        cb.labelBinding(done);
    }

    /** Makes c.flags exact before a reader. */
    void materialize() {
        if (pendingMaybe && knownOp >= 0) materializeKnown();
        else if (pendingMaybe) materializeDynamic();
        pendingMaybe = false;
    }

    /**
     * The producer is known here: calls its own flag computation (small enough for HotSpot to
     * inline) instead of {@link Flags#materialize}'s switch over every kind, which stays a call.
     */
    private void materializeKnown() {
        int kind = knownOp >> 4, size = knownOp & 15;
        switch (kind) {
            case Flags.ADD -> cb.aload(C).loadConstant(size).lload(ccA).lload(ccB).lload(ccR).lconst_0()
                    .invokestatic(CD_FLAGS, "add", MTD_FLAGS3);
            case Flags.SUB -> cb.aload(C).loadConstant(size).lload(ccA).lload(ccB).lload(ccR).lconst_0()
                    .invokestatic(CD_FLAGS, "sub", MTD_FLAGS3);
            case Flags.LOGIC -> cb.aload(C).loadConstant(size).lload(ccR).invokestatic(CD_FLAGS, "logic", MTD_LOGIC);
            default -> {
                materializeDynamic();
                return;
            }
        }
        cb.iconst_0().istore(ccOp);
    }

    /** Records a lazy flag producer whose operands and result are in locals a, b, r (or already in ccA/ccB/ccR). */
    void setLazy(int kind, int size, int aSlot, int bSlot, int rSlot) {
        cb.loadConstant(kind << 4 | size).istore(ccOp);
        if (aSlot != ccA) cb.lload(aSlot).lstore(ccA);
        if (bSlot != ccB) cb.lload(bSlot).lstore(ccB);
        if (rSlot != ccR) cb.lload(rSlot).lstore(ccR);
        knownOp = kind << 4 | size;
        pendingMaybe = true;
    }

    /**
     * Pushes CF (0 or 1, as a long) without materializing all flags when the producer is known:
     * logic ops clear it, SUB/ADD derive it from their operands, INC/DEC carry it along.
     */
    void carryFlag() {
        java.lang.constant.ClassDesc cdLong = ClassDesc.of("java.lang.Long");
        MethodTypeDesc cmp = MethodTypeDesc.ofDescriptor("(JJ)I");
        int kind = knownOp >> 4, size = knownOp & 15;
        if (knownOp >= 0 && kind == Flags.LOGIC) {
            cb.lconst_0();
        } else if (knownOp >= 0 && kind == Flags.SUB) { // borrow: a < b unsigned
            if (size == 8) cb.lload(ccA).lload(ccB).invokestatic(cdLong, "compareUnsigned", cmp).bipush(31).iushr().i2l();
            else cb.lload(ccA).lload(ccB).lsub().bipush(63).lushr();
        } else if (knownOp >= 0 && kind == Flags.ADD) { // carry out of a + b
            if (size == 8) cb.lload(ccR).lload(ccA).invokestatic(cdLong, "compareUnsigned", cmp).bipush(31).iushr().i2l();
            else cb.lload(ccA).lload(ccB).ladd().bipush(size * 8).lushr();
        } else if (knownOp >= 0 && (kind == Flags.INC || kind == Flags.DEC)) {
            cb.lload(ccB);
        } else if (pendingMaybe) { // after a join: the lazy state is whatever reached here
            cb.aload(C).getfield(CD_CPU, "flags", CD_long).iload(ccOp).lload(ccA).lload(ccB).lload(ccR)
                    .invokestatic(CD_FLAGS, "carry", MTD_CARRY);
        } else {
            cb.aload(C).getfield(CD_CPU, "flags", CD_long).lconst_1().land();
        }
    }

    /** Pushes CF for an INC/DEC: passed in by the edge at a carry join (see {@link #carryJoins}), else {@link #carryFlag}. */
    void carryIn() {
        if (carryInReady) cb.lload(tCin);
        else carryFlag();
    }

    /** Branches to {@code target} if condition {@code cc} holds, fusing with a known producer when possible. */
    void condJump(int cc, Label target) {
        if (FusedConditions.fusedCond(this, cc, target)) return;
        materialize();
        cb.aload(C).getfield(CD_CPU, "flags", CD_long).loadConstant(cc).invokestatic(CD_FLAGS, "cond", MTD_COND);
        cb.ifne(target);
    }

    // ---- fallback ----

    /** The instruction through {@link JitRuntime#fallback}: every register and RFLAGS stored, fetched and decoded again. */
    void emitFallback(GuestInsn g) {
        fwdKey = null; // the interpreter may write memory or registers
        materialize();
        knownOp = -1;
        spill();
        flushCount();
        cb.aload(RT).aload(C).loadConstant(g.rip).loadConstant(g.next).invokevirtual(CD_RT, "fallback", MTD_FALLBACK);
        Label leave = cb.newLabel();
        cb.ifeq(leave);
        if (g.kind == GuestInsn.Kind.FALLBACK) {
            reload();
            Label go = cb.newLabel();
            cb.goto_(go);
            cb.labelBinding(leave);
            cb.loadConstant(CompiledUnit.EXIT_FALLBACK).istore(reason).goto_(fallbackExit);
            cb.labelBinding(go);
        } else {
            cb.labelBinding(leave);
            cb.loadConstant(CompiledUnit.EXIT_FALLBACK).istore(reason).goto_(fallbackExit);
        }
    }
}
