/**
 * The bytecode translator: hot guest x86 code becomes JVM bytecode that HotSpot compiles to
 * native code. This package is the {@code jit} engine ({@link dev.jvmm.cpu.jit.JitEngine}) and its
 * oracle ({@link dev.jvmm.cpu.jit.LockstepEngine}). It builds on the interpreter
 * ({@code dev.jvmm.cpu.interp}): the interpreter runs everything first, stays the reference for
 * every instruction's meaning, and runs whatever the translator does not compile.
 *
 * <h2>1. When to translate (tiering)</h2>
 * {@link dev.jvmm.cpu.jit.JitVcpu} is the interpreter's run loop plus one question at each
 * instruction boundary: "is there a translated unit for this guest physical RIP?" If not, the
 * entry's counter goes up; at {@link dev.jvmm.cpu.jit.JitVcpu#HOT_THRESHOLD} executions the
 * translator compiles a unit for it — on a background thread
 * ({@link dev.jvmm.cpu.jit.BackgroundTranslator}) while the vCPU keeps interpreting; a finished
 * unit is installed only if its guest bytes did not change meanwhile. Interrupts are still taken
 * only between instructions: a unit runs at most a budget of instructions before it returns to
 * the loop; on a machine with several vCPUs it also returns at the next back edge once another vCPU
 * made an interrupt or NMI deliverable to this one ({@code JitRuntime.kicked}).
 *
 * <h2>2. What to translate (regions)</h2>
 * A {@link dev.jvmm.cpu.jit.Region} is everything reachable from the entry by fall-through and
 * direct branches without leaving the entry's 4 KiB page; when the entry lies on a cycle, only the
 * cycles through it are kept (the hot loop and the loops nested in it), so a loop is compiled
 * without the registers and branch profiles of unrelated code. A whole region becomes one method
 * with internal jumps, so a guest loop is a JVM loop that HotSpot optimizes as such. A direct CALL
 * into the page is a jump inside the unit, and the instruction after it a <i>return site</i>: a
 * RET whose popped RIP is one of the region's return sites jumps there inside the unit, so a
 * recursive function, or one called from a loop on its page, runs without leaving
 * ({@code -Djvmm.jit.returnSites=false} turns this off). Any other RET, and CALL/JMP through a
 * register or memory, leave with the computed RIP, except a JMP through a jump table (a C
 * {@code switch}, {@link dev.jvmm.cpu.jit.JumpTables}): the table's targets on the page are part
 * of the region, and the unit jumps to them inside. A region whose entry lies on no cycle (a
 * function's start, the code after a loop) ends where it reaches an entry point of a unit already
 * cached on its page and chains to it there, rather than holding another copy of that unit's
 * loops ({@link dev.jvmm.cpu.jit.Region.Stops}). Regions also stop at instructions that change the mode,
 * segments or interrupt flag, at I/O and HLT, and at a size limit; a method stays under
 * {@link dev.jvmm.cpu.jit.UnitCompiler#MAX_CODE_BYTES} bytecode bytes because HotSpot refuses to
 * compile larger ones (and smaller methods reach HotSpot's optimizing compiler sooner): a region
 * holds up to 128 instructions, and one that comes out too big is decoded again with three
 * quarters as many. A unit has several entry points — the region's branch targets and the
 * instructions control returns to after leaving it — and starts with a switch on RIP, so
 * re-entering a loop after a budget exit finds the same compiled code. Only places that give no
 * loop a second way in are entry points ({@link dev.jvmm.cpu.jit.LoopEntries}): C2 does not
 * optimize a loop with two entries. A back edge to an inner loop's header (no entry point) checks
 * a 4 times larger budget, so the unit leaves at its outer loop's header; the dispatcher
 * interprets on from a place inside a cached unit's loop to that loop's header, and a unit made
 * for such a place anyway (entered 64 times as often as the hot threshold) stops at the covering
 * unit's entry points instead of copying its loops.
 *
 * <h2>3. How an instruction becomes bytecode</h2>
 * {@link dev.jvmm.cpu.jit.InsnClassifier} sorts each instruction: <i>inline</i> (compiled by
 * {@link dev.jvmm.cpu.jit.InsnEmitter}: moves, ALU, shifts, MUL/IMUL/DIV/IDIV, push/pop/call/ret, Jcc,
 * SETcc/CMOVcc...), <i>fallback</i> (the unit spills its registers and calls the interpreter for
 * that one instruction, then continues) or <i>fallback-exit</i> (same, then the unit returns).
 * Inside a unit the guest registers live in JVM locals; they are loaded on entry and stored back
 * at every exit and around every fallback ({@link dev.jvmm.cpu.jit.UnitEmitter}).
 *
 * <p>SSE and x87. {@link dev.jvmm.cpu.jit.SimdEmitter} compiles the common SSE forms (floating-point
 * arithmetic, COMIS/UCOMIS, CVTSI2SS/SD, the XMM moves, the bitwise operations): the unit reads
 * the source operand itself (XMM registers in {@code Cpu.xmm}, memory through the soft TLB) and
 * calls the interpreter's own operation ({@code interp.SimdFloat}'s public static methods, which
 * take MXCSR's rounding, flags and exceptions into account and have a host-double fast path for
 * the default MXCSR), so each instruction's meaning is written once. The other x87 and SSE
 * instructions run through {@link dev.jvmm.cpu.jit.DecodedCall}: the interpreter executes the
 * instruction the unit already decoded, and only the general registers it names (and RFLAGS, for
 * the few that read or write it) are stored and loaded around the call.
 *
 * <h2>4. Lazy flags</h2>
 * x86 instructions set RFLAGS all the time and programs rarely read them. A translated
 * flag-producer records only (operation, operands, result) in locals; a Jcc right after a CMP or
 * TEST compares the recorded operands directly (fusion); other readers, interpreter fallbacks and
 * faults call {@link dev.jvmm.cpu.jit.Flags#materialize}. Flags nobody reads are never computed:
 * HotSpot removes the dead stores. A unit that leaves for the dispatcher hands the recorded state
 * on ({@link dev.jvmm.cpu.jit.JitRuntime#ccOp}) to the next unit, which takes it over at its
 * entry; the run loop computes RFLAGS from it only before the interpreter runs or an interrupt
 * is delivered (and the lockstep oracle, which compares RFLAGS after every unit, turns this off). INC/DEC, which keep CF, record the old CF with their operation; it is
 * derived from the previous producer (a compare's borrow, an add's carry) without computing RFLAGS.
 * Where an INC/DEC is a jump target or an entry point, each edge into it computes that CF from the
 * producer it knows and passes it in a local (a "carry join"), so no pass round a loop switches
 * over the producer kind at run time; only an edge whose own state is dynamic calls
 * {@link dev.jvmm.cpu.jit.Flags#carry}. A Jcc that is both a unit entry and reached
 * straight from a compare gets a copy for the entry, so the loop path stays fused.
 *
 * <h2>5. Memory</h2>
 * With flat segments (64-bit mode, or base 0 / 4 GiB data segments) an access goes through
 * {@link dev.jvmm.cpu.jit.FastMem}, a small soft TLB of plain RAM pages, probed by bytecode emitted
 * inline in the unit: a hit is an array probe, a tag compare, an add of the entry's addend and
 * one load or store (a read-modify-write probes once). The TLB arrays and the RAM segment are constants of the unit
 * class (its class data), so HotSpot folds their bounds. The hit itself reads or writes RAM
 * directly through the JDK's internal Unsafe ({@link dev.jvmm.cpu.jit.RawMemory}: a segment
 * access inlines too much code for HotSpot's per-method inlining allowance), or through the RAM
 * segment where the JVM does not allow that. A miss (MMIO, ROM, page faults, pages
 * holding translated code, or just a page not seen yet) leaves the unit before the instruction
 * changes anything; the interpreter makes the access and the page enters the TLB, then runs on to
 * the unit's next entry point without counting the instructions on the way as hot entries. In
 * straight-line code a load of the operand the last store wrote (same registers, displacement and
 * size) uses the stored value instead of probing and loading again. The TLB survives
 * dispatches until the MMU flushes (CR0/CR3/CR4/EFER, INVLPG), the CPL or the A20 gate changes.
 *
 * <p>Physical units read without the TLB. Where flat addresses are physical ones (32-bit mode
 * with paging off and the A20 gate on, as in a multiboot kernel: {@link dev.jvmm.cpu.jit.UnitKey#physical},
 * part of the unit's key), RAM below its first MMIO page is one block, so a read is a compare
 * with that bound and a load at a constant offset. Reads past it leave the unit as a miss does.
 * Writes still probe the write TLB (it never holds a page of translated code).
 *
 * <h2>6. Precise exceptions</h2>
 * Every compiled instruction does its memory accesses before it changes any register or flag
 * local. A guest fault (a {@code CpuException} thrown by the memory path) lands in the unit's one
 * exception handler, which finds the faulting RIP in a local each guarded instruction sets (one
 * handler per instruction made stack-map generation and class verification loop over every handler
 * at every bytecode): it stores the registers and flags as they were before the instruction
 * and lets the interpreter run that instruction again, which raises and delivers the same
 * exception exactly as the interpreter always does ({@link dev.jvmm.cpu.jit.JitRuntime#refault}).
 *
 * <h2>7. Self-modifying code and the cache</h2>
 * {@link dev.jvmm.cpu.jit.TranslationCache} maps guest physical entry addresses to units (a unit
 * runs only if the CPU matches its {@link dev.jvmm.cpu.jit.UnitKey}: code size, stack size, CS,
 * flat segments). Pages with units are marked in guest memory; a write there reaches the cache,
 * which drops the units whose bytes it overlaps and raises a flag that makes the running unit
 * leave before its next instruction. The cache is bounded and flushed when full. An exit to a
 * constant RIP remembers which unit ran next (chaining), so hot unit-to-unit paths skip the cache
 * lookup; a link is followed only if that unit is still cached and the RIP still maps to its page.
 * {@link dev.jvmm.cpu.jit.Dispatcher} follows links, keeps the jump cache for computed exits and
 * asks the cache (through the run loop's hot counting) only when both miss.
 * Units are hidden
 * classes ({@link dev.jvmm.cpu.jit.UnitCompiler}) that only the cache references, so dropped units
 * can be unloaded.
 *
 * <h2>8. Checking it</h2>
 * {@link dev.jvmm.cpu.jit.LockstepChecker} replays every unit on a shadow interpreter with its own
 * copy of RAM and compares registers, flags, RIP and every written byte; the tests run every
 * catalogue guest that way and 100,000 random instruction sequences through a sandbox.
 * {@link dev.jvmm.cpu.jit.UnitTrace} prints a unit's guest instructions next to its bytecode
 * ({@code jvmm run --trace jit}, or {@code -Djvmm.jit.trace=true}); {@code Vcpu.stats()} reports the counters.
 */
package dev.jvmm.cpu.jit;
