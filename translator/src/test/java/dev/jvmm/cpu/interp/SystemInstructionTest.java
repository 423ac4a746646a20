package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.bus.PortDevice;
import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LAR/LSL/VERR/VERW, SGDT/STR/SMSW, RDMSR/WRMSR, RDPMC, CPUID, the TSS I/O permission bitmap and #AC. */
class SystemInstructionTest {
    private static final long GDT = 0x1000, IDT = 0x2000, TSS = 0x3000, CODE = 0x10000, HALT = 0x9000;
    private final GuestMemory mem = GuestMemory.create(4L << 20);
    private final PortBus ports = new PortBus();
    private int lastOut = -1;
    private Cpu cpu;
    private Interpreter in;
    /** CR4 and the TSC's time base for the next {@link #run}; null keeps the CPU's own. */
    private long cr4;
    private java.util.function.LongSupplier tscNanos;

    SystemInstructionTest() {
        ports.register(0x80, 2, new PortDevice() {
            @Override public int read(int offset, int size) { return 0x5A; }
            @Override public void write(int offset, int size, int value) { lastOut = value; }
        });
    }

    @AfterEach
    void close() {
        mem.close();
    }

    /** Runs {@code hex} + HLT (JMP $ at CPL 3) in flat 32-bit protected mode at {@code cpl}; every exception lands on a HLT. */
    private void run(String hex, int cpl, long eax, long ecx) {
        run(hex, cpl, eax, ecx, false);
    }

    private void run(String hex, int cpl, long eax, long ecx, boolean alignmentMask) {
        mem.write64(GDT + 0x08, 0x00cf9a000000ffffL);                  // code DPL 0
        mem.write64(GDT + 0x10, 0x00cf92000000ffffL);                  // data DPL 0
        mem.write64(GDT + 0x18, 0x00cffa000000ffffL);                  // code DPL 3
        mem.write64(GDT + 0x20, 0x00cff2000000ffffL);                  // data DPL 3
        mem.write64(GDT + 0x28, 0x0000_8b00_0000_0090L | (TSS << 16)); // busy TSS, limit 0x90
        mem.write64(GDT + 0x30, 0x0040_9200_0000_1234L);               // data, byte limit 0x1234
        for (int v = 0; v < 32; v++) {
            mem.write64(IDT + v * 8L, (HALT & 0xFFFF) | (0x08L << 16) | (0x8EL << 40) | ((HALT >>> 16) << 48));
        }
        mem.write32(TSS + 4, 0x8000);
        mem.write32(TSS + 8, 0x10);
        mem.write16(TSS + 0x66, 0x70);         // I/O bitmap at 0x70: ports 0x80-0x87 are bits of byte 0x80
        mem.write8(TSS + 0x70 + 0x10, 0xFE);   // only port 0x80 allowed
        mem.write8(TSS + 0x70 + 0x11, 0xFF);
        mem.write8(HALT, 0xF4);
        byte[] code = HexFormat.of().parseHex(hex + (cpl == 3 ? "ebfe" : "f4")); // HLT would #GP at CPL 3: spin
        mem.writeBytes(CODE, code, 0, code.length);
        CpuState s = new CpuState();
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET | (alignmentMask ? ControlBits.CR0_AM : 0);
        int cs = cpl == 3 ? 0x1B : 0x08, ds = cpl == 3 ? 0x23 : 0x10;
        s.seg[CpuState.CS] = SegmentState.fromDescriptor(cs, mem.read64(GDT + (cs & ~3)));
        SegmentState data = SegmentState.fromDescriptor(ds, mem.read64(GDT + (ds & ~3)));
        for (int seg : new int[] {CpuState.ES, CpuState.SS, CpuState.DS, CpuState.FS, CpuState.GS}) s.seg[seg] = data;
        s.tr = SegmentState.fromDescriptor(0x28, mem.read64(GDT + 0x28));
        s.gdtBase = GDT;
        s.gdtLimit = 0x37;
        s.idtBase = IDT;
        s.idtLimit = 0xFF;
        s.rip = CODE;
        s.gpr[CpuState.RSP] = 0x7000;
        s.gpr[CpuState.RAX] = eax;
        s.gpr[CpuState.RCX] = ecx;
        s.cr4 = cr4;
        cpu = new Cpu(mem);
        cpu.setState(s);
        if (tscNanos != null) cpu.tscNanos = tscNanos;
        in = new Interpreter(cpu, ports);
        for (int n = 0; n < 20 && !cpu.halted; n++) in.step();
    }

    private boolean zf() {
        return (cpu.flags & Cpu.ZF) != 0;
    }

    @Test
    void larAndLsl() {
        run("0f02d8", 0, 0x08, 0); // lar ebx, eax
        assertTrue(zf());
        assertEquals(0x00c09a00L, cpu.gpr[CpuState.RBX]); // attribute bits only: the limit nibble is masked
        run("0f03d8", 0, 0x30, 0); // lsl ebx, eax: byte-granular limit
        assertTrue(zf());
        assertEquals(0x1234, cpu.gpr[CpuState.RBX]);
        run("0f03d8", 0, 0x08, 0); // page-granular limit, scaled
        assertEquals(0xFFFF_FFFFL, cpu.gpr[CpuState.RBX]);
        run("bb777700000f03d8", 0, 0x0, 0); // null selector: ZF=0, EBX unchanged
        assertTrue(!zf());
        assertEquals(0x7777, cpu.gpr[CpuState.RBX]);
        run("bb777700000f03d8", 3, 0x10, 0); // DPL 0 data from CPL 3: not visible
        assertTrue(!zf());
        run("0f03d8", 0, 0x28, 0); // a TSS is visible to LSL
        assertTrue(zf());
        assertEquals(0x90, cpu.gpr[CpuState.RBX]);
        run("0f03d8", 0, 0x100, 0); // beyond the GDT limit: ZF=0, no fault
        assertTrue(!zf());
        assertEquals(-1, in.lastVector());
    }

    @Test
    void verrAndVerw() {
        run("0f00e0", 0, 0x08, 0); // verr ax: readable code
        assertTrue(zf());
        run("0f00e8", 0, 0x08, 0); // verw ax: code is never writable
        assertTrue(!zf());
        run("0f00e8", 0, 0x10, 0);
        assertTrue(zf());
        run("0f00e8", 3, 0x13, 0); // DPL 0 from CPL 3
        assertTrue(!zf());
    }

    @Test
    void storeDescriptorTablesAndMsw() {
        run("0f0105005000000f00c80f01e2", 0, 0, 0); // sgdt [0x5000]; str eax; smsw edx
        assertEquals(0x37, mem.read16(0x5000));
        assertEquals(GDT, mem.read32(0x5002));
        assertEquals(0x28, cpu.gpr[CpuState.RAX]);
        assertEquals(ControlBits.CR0_PE | ControlBits.CR0_ET, cpu.gpr[CpuState.RDX]);
    }

    @Test
    void msrs() {
        run("b9800000c00f32", 0, 0, 0); // rdmsr EFER
        assertEquals(0, cpu.gpr[CpuState.RAX]);
        assertEquals(-1, in.lastVector());
        run("b9344312000f32", 0, 0, 0); // rdmsr 0x124334: unknown -> #GP(0)
        assertEquals(13, in.lastVector());
        run("b9800000c00f32", 3, 0, 0); // rdmsr at CPL 3 -> #GP(0)
        assertEquals(13, in.lastVector());
        run("b9770200000f30b9770200000f32", 0, 0x0106, 0); // wrmsr/rdmsr PAT round trip (EDX: whatever ECX left)
        assertEquals(0x0106, cpu.gpr[CpuState.RAX]);
    }

    @Test
    void rdtscReadsTheTimeBaseAsAnInput() {
        tscNanos = () -> 0x1_2345_6789L;
        run("0f31", 3, 0, 0);
        assertEquals(0x2345_6789L, cpu.gpr[CpuState.RAX]);
        assertEquals(1, cpu.gpr[CpuState.RDX]);
        assertTrue(in.ioDone, "RDTSC reads the time from outside the CPU, as IN does");
        run("90", 0, 0, 0);
        assertTrue(!in.ioDone);
    }

    @Test
    void wrmsrTscSetsTheCountFromNow() {
        long[] now = {1000};
        tscNanos = () -> now[0] += 100; // every read is 100 ns later
        // mov ecx,0x10; mov eax,5000; xor edx,edx; wrmsr; rdtsc
        run("b910000000b88813000031d20f300f31", 0, 0, 0);
        assertEquals(5100, cpu.gpr[CpuState.RAX], "written at 1100, read at 1200");
        run("b9100000000f32", 0, 0, 0); // rdmsr IA32_TSC on a new CPU (offset 0), read at 1300
        assertEquals(1300, cpu.gpr[CpuState.RAX]);
        assertTrue(in.ioDone);
    }

    @Test
    void rdpmcReadsThePerfCounterWrmsrWrote() {
        // mov ecx,0xC0010006 (PerfCtr2); mov eax,0x56789ABC; mov edx,0xFFFF1234; wrmsr; mov ecx,2; xor eax,eax; xor edx,edx; rdpmc
        run("b9060001c0b8bc9a7856ba3412ffff0f30b90200000031c031d20f33", 0, 0, 0);
        assertEquals(-1, in.lastVector());
        assertEquals(0x5678_9ABCL, cpu.gpr[CpuState.RAX]);
        assertEquals(0x1234, cpu.gpr[CpuState.RDX], "the counters are 48 bits wide");
        run("0f33", 0, 0, 4); // there are four counters: ECX 4 is #GP(0)
        assertEquals(13, in.lastVector());
    }

    @Test
    void thePerfMsrsTravelInCpuState() {
        // mov ecx,0xC0010001 (PerfEvtSel1); mov eax,0x430076; xor edx,edx; wrmsr;
        // mov ecx,0xC0010007 (PerfCtr3); mov eax,0x89ABCDEF; mov edx,0x4567; wrmsr
        run("b9010001c0b876004300" + "31d20f30" + "b9070001c0b8efcdab89ba674500000f30", 0, 0, 0);
        assertEquals(-1, in.lastVector());
        CpuState s = cpu.state();
        assertEquals(0x430076L, s.msrs.get(Msr.K7_EVNTSEL0 + 1));
        assertEquals(0x4567_89AB_CDEFL, s.msrs.get(Msr.K7_PERFCTR3));
        Cpu other = new Cpu(mem);
        other.setState(s);
        assertEquals(0x4567_89AB_CDEFL, Msrs.read(other, Msr.K7_PERFCTR3), "a CPU loaded from the state reads it back");
        assertEquals(0x430076L, Msrs.read(other, Msr.K7_EVNTSEL0 + 1));
        assertEquals(java.util.List.of(), other.state().diff(s));
    }

    @Test
    void rdpmcAboveCpl0NeedsCr4Pce() {
        run("0f33", 3, 0x77, 0);
        assertEquals(13, in.lastVector());
        cr4 = ControlBits.CR4_PCE;
        run("0f33", 3, 0x77, 0);
        assertEquals(-1, in.lastVector());
        assertEquals(0, cpu.gpr[CpuState.RAX], "PerfCtr0 of a new CPU");
    }

    @Test
    void rdtscAndRdtscpAtCpl3WithCr4TsdFault() {
        cr4 = ControlBits.CR4_TSD;
        run("0f31", 3, 0, 0);
        assertEquals(13, in.lastVector());
        run("0f01f9", 3, 0, 0);
        assertEquals(13, in.lastVector());
        run("0f01f9", 0, 0, 0);
        assertEquals(-1, in.lastVector());
        cr4 = 0;
        run("0f01f9", 3, 0, 0);
        assertEquals(-1, in.lastVector());
    }

    @Test
    void cpuidVendorAndLongMode() {
        run("31c00fa2", 0, 0, 0);
        assertEquals("AuthenticAMD", ascii(cpu.gpr[CpuState.RBX]) + ascii(cpu.gpr[CpuState.RDX]) + ascii(cpu.gpr[CpuState.RCX]));
        run("b8010000800fa2", 0, 0, 0);
        assertTrue((cpu.gpr[CpuState.RDX] & (1 << 29)) != 0, "LM");
        assertTrue((cpu.gpr[CpuState.RDX] & (1 << 27)) != 0, "RDTSCP: the instruction and IA32_TSC_AUX exist");
        run("b8020000800fa2", 0, 0, 0);
        assertEquals("jvmm virtual x86-", ascii(cpu.gpr[CpuState.RAX]) + ascii(cpu.gpr[CpuState.RBX])
                + ascii(cpu.gpr[CpuState.RCX]) + ascii(cpu.gpr[CpuState.RDX]) + "-");
    }

    @Test
    void cpuidHasWhatLinuxRequiresAndAnInvariantTsc() {
        run("b8010000000fa2", 0, 0, 0);
        long edx = cpu.gpr[CpuState.RDX];
        // arch/x86/include/asm/required-features.h for x86-64: FPU PAE CX8 CMOV MSR FXSR SSE SSE2
        for (int bit : new int[] {0, 5, 6, 8, 15, 24, 25, 26}) assertTrue((edx & (1L << bit)) != 0, "leaf 1 EDX bit " + bit);
        assertEquals(0xF, (cpu.gpr[CpuState.RAX] >> 8) & 0xF, "family 15, as qemu64");
        assertTrue((cpu.gpr[CpuState.RCX] & (1L << 31)) != 0, "hypervisor bit");
        run("b8070000800fa2", 0, 0, 0);
        assertTrue((cpu.gpr[CpuState.RDX] & (1 << 8)) != 0, "invariant TSC");
    }

    @Test
    void smapCpuidCr4AndStacClac() {
        run("b807000000b9000000000fa2", 0, 0, 0); // cpuid leaf 7 subleaf 0
        assertEquals(1 << 20, cpu.gpr[CpuState.RBX], "SMAP, and nothing else");
        assertEquals(0, cpu.gpr[CpuState.RAX], "highest subleaf 0");
        run("b807000000b9010000000fa2", 0, 0, 0); // subleaf 1: zeros
        assertEquals(0, cpu.gpr[CpuState.RBX]);
        run("0f20e00d000020000f22e00f01cb", 0, 0, 0); // mov eax, cr4; or eax, CR4.SMAP; mov cr4, eax; stac
        assertEquals(-1, in.lastVector());
        assertEquals(ControlBits.CR4_SMAP, cpu.cr4 & ControlBits.CR4_SMAP);
        assertTrue((cpu.flags & Cpu.AC) != 0, "STAC sets AC");
        run("0f01cb0f01ca", 0, 0, 0); // stac; clac
        assertEquals(0, cpu.flags & Cpu.AC, "CLAC clears AC");
        run("0f01cb", 3, 0, 0); // stac at CPL 3: #UD
        assertEquals(6, in.lastVector());
        assertEquals(0, cpu.flags & Cpu.AC);
        run("0f20e00d000010000f22e0", 0, 0, 0); // CR4.SMEP is not offered: #GP(0)
        assertEquals(13, in.lastVector());
    }

    private static String ascii(long v) {
        return new String(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
    }

    @Test
    void ioPermissionBitmapAtCpl3() {
        run("e480", 3, 0, 0); // in al, 0x80: allowed by the bitmap
        assertEquals(-1, in.lastVector());
        assertEquals(0x5A, cpu.gpr[CpuState.RAX] & 0xFF);
        run("e681", 3, 0, 0); // out 0x81, al: denied -> #GP(0)
        assertEquals(13, in.lastVector());
        assertEquals(-1, lastOut);
        run("66e580", 3, 0, 0); // in ax, 0x80: needs ports 0x80 and 0x81 -> #GP(0)
        assertEquals(13, in.lastVector());
        run("e681", 0, 0x33, 0); // CPL 0 <= IOPL: no bitmap check
        assertEquals(0x33, lastOut);
    }

    @Test
    void alignmentCheckAtCpl3() {
        // CPL 3 with CR0.AM and EFLAGS.AC: a misaligned dword read is #AC(0); an aligned one is fine
        run("9c810c24000004009d" + "8b0500500000" + "8b0501500000", 3, 0, 0, true);
        assertEquals(17, in.lastVector());
        run("9c810c24000004009d" + "8b0500500000", 3, 0, 0, true);
        assertEquals(-1, in.lastVector());
        run("8b0501500000", 3, 0, 0, false); // CR0.AM clear: no check
        assertEquals(-1, in.lastVector());
    }
}
