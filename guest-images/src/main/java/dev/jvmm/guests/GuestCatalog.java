package dev.jvmm.guests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The guest images shipped with jvmm, by name. Sources and the build script: {@code guest-images/README.md}. */
public final class GuestCatalog {

    private static final Map<String, Guest> BY_NAME = new LinkedHashMap<>();

    /** Real-mode boot sector: the first instructions a PC runs. */
    public static final Guest HELLO_REAL = add(new Guest("hello-real",
            "512-byte boot sector at 0000:7C00 printing from 16-bit real mode",
            BootFormat.REAL_MODE_FLAT, recorded("hello-real"), 0));

    /** Multiboot kernel in 32-bit protected mode; exits 2 if EAX lacks the multiboot magic. */
    public static final Guest HELLO_PM32 = add(new Guest("hello-pm32",
            "multiboot ELF32 printing from 32-bit protected mode (exit 2: EAX is not 0x2BADB002)",
            BootFormat.MULTIBOOT, recorded("hello-pm32"), 0));

    /** Multiboot kernel that enables PAE paging and long mode itself, then prints from 64-bit code. */
    public static final Guest HELLO_LM64 = add(new Guest("hello-lm64",
            "multiboot ELF32 that builds page tables, enters long mode and prints from 64-bit code"
                    + " (exit 2: bad multiboot magic, 3: no long mode in CPUID)",
            BootFormat.MULTIBOOT, recorded("hello-lm64"), 0));

    /** ELF64 kernel entered directly in long mode (QEMU's -kernel refuses ELF64: use the elf64-boot shim). */
    public static final Guest HELLO_ELF64 = add(new Guest("hello-elf64",
            "x86-64 ELF entered directly in 64-bit long mode, sets its own stack",
            BootFormat.ELF64, recorded("hello-elf64"), 0));

    /** Boot sector that switches itself from real mode to 32-bit protected mode, like a boot loader. */
    public static final Guest REAL_TO_PM = add(new Guest("real-to-pm",
            "boot sector printing from real mode, then LGDT, CR0.PE and a far jump into 32-bit code that prints"
                    + " (exit 3: CR0.PE clear, 4: wrong CS)",
            BootFormat.REAL_MODE_FLAT, recorded("real-to-pm"), 0));

    /** Real mode in depth: addressing forms, IVT interrupts, far transfers, LOOP, stack, wraparound, unreal mode. */
    public static final Guest REAL16 = add(new Guest("real16",
            "16-bit real mode: ModRM forms and default segments, IVT INT/#DE/INT3/INTO, far CALL/JMP/RETF/LDS,"
                    + " LOOP/JCXZ, PUSHA/ENTER/PUSHF, 64 KiB wraparound, unreal mode (4 sectors; loads itself via INT 13h"
                    + " under a BIOS)",
            BootFormat.REAL_MODE_FLAT, recorded("real16"), 0));

    /** Every operating mode and back: real, 16/32-bit protected, 64-bit, compatibility, then out of long mode to real. */
    public static final Guest MODES = add(new Guest("modes",
            "boot sector + 3 sectors: real mode -> 16-bit PM -> 32-bit PM -> PAE long mode (64-bit) -> compatibility"
                    + " mode -> CR0.PG=0 and EFER.LME=0 -> 32-bit PM -> 16-bit PM -> CR0.PE=0 and real mode, a line"
                    + " from each (exit 3: stage 2 not loaded, 4-12: wrong CS, EFER.LMA/LME or CR0 at a step, 6: no long mode)",
            BootFormat.REAL_MODE_FLAT, recorded("modes"), 0));

    /** PIT channel 2 polled through port 0x61, no interrupts: Linux's TSC-calibration sequence. */
    public static final Guest PIT_POLL = add(new Guest("pit-poll",
            "8254 channel 2 in mode 0 gated and read through port 0x61, read-back status, counter latch;"
                    + " no interrupts (exit 3: status, 4: OUT2 high early, 5: count stuck, 6: OUT2 never rose)",
            BootFormat.MULTIBOOT, recorded("pit-poll"), 0));

    /** PIC + PIT + IDT: counts 100 timer interrupts at 1 kHz, sleeping in HLT between them. */
    public static final Guest PIT_IRQ = add(new Guest("pit-irq",
            "8259A remapped, 8254 channel 0 at 1 kHz, IDT and STI/HLT: counts 100 IRQ 0 interrupts"
                    + " (exit 3: PIT not counting, 4: CPU exception, 5: masked IRQ delivered, 6: tick with IF=0)",
            BootFormat.MULTIBOOT, recorded("pit-irq"), 0));

    /** The local APIC's timer in periodic mode, 50 interrupts, PICs masked. */
    public static final Guest LAPIC_TIMER = add(new Guest("lapic-timer",
            "local APIC via CPUID and IA32_APIC_BASE, SVR enable, periodic timer on vector 0x40, EOI, 8259s masked"
                    + " (exit 3: no APIC, 4: base MSR, 5: version, 6: count stuck, 7/8: stray interrupt)",
            BootFormat.MULTIBOOT, recorded("lapic-timer"), 0,
            Set.of(Need.LOCAL_APIC)));

    /** 16550 loopback mode: scratch register, MSR mirroring MCR, FIFO order, overrun. */
    public static final Guest UART_LOOPBACK = add(new Guest("uart-loopback",
            "16550 registers through MCR loopback: LSR/IIR after init, scratch, MSR mirror, 16-byte FIFO,"
                    + " overrun (exit 3-13: the failed check, see its source)",
            BootFormat.MULTIBOOT, recorded("uart-loopback"), 0));

    /**
     * What {@link #UART_ECHO} must be given on COM1 for its catalogued output: a test types these bytes while
     * the guest runs (one every few milliseconds will do) and expects {@code "HELLO, WORLD.\n"} followed by
     * {@code "uart-echo: 13 bytes received by interrupt\n"}. The guest stops reading at the '.'.
     */
    public static final String UART_ECHO_INPUT = "hello, world.";

    /** Interrupt-driven receive: IRQ 4 echoes typed bytes upper-cased until '.'; needs {@link #UART_ECHO_INPUT}. */
    public static final Guest UART_ECHO = add(new Guest("uart-echo",
            "16550 received-data interrupt (IER bit 0, MCR OUT2) on IRQ 4 through the 8259A, STI/HLT; the handler"
                    + " drains RBR while LSR.DR, echoes a-z upper-cased, EOI, IRET; '.' ends it. Needs input typed on"
                    + " COM1 (UART_ECHO_INPUT); without it, it sleeps in HLT for ever (exit 3: IRQ with DR clear,"
                    + " 4: exception, 5: masked IRQ, 6: IIR not received data, 7: interrupt with IF=0)",
            BootFormat.MULTIBOOT, recorded("uart-echo"), 0, Set.of(Need.SERIAL_INPUT)));

    /** CMOS clock read the careful way (UIP, read twice); the output is the current date and time. */
    public static final Guest RTC_READ = add(new Guest("rtc-read",
            "MC146818 date and time with the UIP check and double read, BCD/12-hour aware"
                    + " (exit 3: UIP stuck, 4: torn reads, 5: VRT clear, 6: field out of range)",
            BootFormat.MULTIBOOT, ExpectedOutput.matching("rtc-read: (19|20|21)\\d\\d-(0[1-9]|1[0-2])-"
                    + "(0[1-9]|[12]\\d|3[01]) ([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d\n"), 0));

    /** The RTC's periodic interrupt through the slave PIC: the cascade path. */
    public static final Guest RTC_IRQ = add(new Guest("rtc-irq",
            "RTC periodic interrupt at 1024 Hz (register A rate, B.PIE, C read as acknowledge) on IRQ 8 through"
                    + " the cascaded slave 8259, EOI to both; 64 ticks (exit 3: register C empty twice, 4/5: stray)",
            BootFormat.MULTIBOOT, recorded("rtc-irq"), 0));

    /** PCI configuration mechanism #1 on the i440FX host bridge at 00:00.0. */
    public static final Guest PCI_HOSTBRIDGE = add(new Guest("pci-hostbridge",
            "PCI config mechanism #1 (0xCF8/0xCFC): host bridge 00:00.0 is 8086:1237 class 06:00"
                    + " (exit 3: 0xCF8 readback, 4: IDs, 5: class, 6: 16-bit access, 7: absent device)",
            BootFormat.MULTIBOOT, recorded("pci-hostbridge"), 0));

    /** INS/OUTS with REP against the UART scratch register and PCI config ports. */
    public static final Guest STRING_IO = add(new Guest("string-io",
            "INS/OUTS, REP, byte/word/dword, DF both ways, against the 16550 scratch register and 0xCF8/0xCFC"
                    + " (exit 3-9: the failed check)",
            BootFormat.MULTIBOOT, recorded("string-io"), 0));

    /** The keyboard controller and keyboard, polled. */
    public static final Guest I8042 = add(new Guest("i8042",
            "i8042 polled: self-test, interface test, command byte write/read, keyboard ECHO and RESET"
                    + " (exit 3-9: the failed step)",
            BootFormat.MULTIBOOT, recorded("i8042"), 0));

    /** The A20 gate through port 0x92 and the i8042 output port (KVM has no A20 gate: expect exit 5 there). */
    public static final Guest A20_GATE = add(new Guest("a20-gate",
            "A20 masking via port 0x92 and the i8042 output port (0xD1/0xD0), checked by 1 MiB aliasing"
                    + " (exit 3-11; 5 on KVM, which has no A20 gate)",
            BootFormat.MULTIBOOT, recorded("a20-gate"), 0,
            Set.of(Need.A20_GATE)));

    /** Thirteen exceptions raised on purpose without paging: vector, error code and saved EIP checked for each. */
    public static final Guest EXCEPTIONS32 = add(new Guest("exceptions32",
            "#DE #DB #BP #OF #BR #UD #NM #NP(x2) #SS #GP(x2) INT in 32-bit PM, no paging:"
                    + " vector, error code, saved EIP (exit 6*test+kind on a mismatch)",
            BootFormat.MULTIBOOT, recorded("exceptions32"), 0));

    /** Exceptions in 64-bit long mode through 16-byte IDT gates and IRETQ. */
    public static final Guest EXCEPTIONS64 = add(new Guest("exceptions64",
            "#DE #DB #BP #UD #GP(non-canonical) #PF(x2, above the 4 GiB map) INT in long mode (ELF64):"
                    + " 16-byte gates, IRETQ, vector, error code, saved RIP, CR2 (exit 6*test+kind)",
            BootFormat.ELF64, recorded("exceptions64"), 0));

    /** PAE paging in 32-bit protected mode: page faults, CR0.WP, accessed/dirty bits, INVLPG, CR3 reload. */
    public static final Guest PAGING32 = add(new Guest("paging32",
            "32-bit PAE paging: #PF error codes and CR2, CR0.WP, A/D bits on 2 MiB and 4 KiB pages, alias,"
                    + " INVLPG, CR3 reload (exit 6*check[+kind])",
            BootFormat.MULTIBOOT, recorded("paging32"), 0, Set.of(Need.PAGING_32BIT)));

    /** 4-level paging in long mode with the guest's own tables: faults, WP, NX, A/D, alias, INVLPG, CR3. */
    public static final Guest PAGING64 = add(new Guest("paging64",
            "4-level paging (ELF64, own PML4): #PF error codes and 64-bit CR2, CR0.WP, execute-disable (EFER.NXE),"
                    + " A/D bits, alias at 512 GiB, INVLPG, CR3 reload (exit 4: no NX; 6*check[+kind])",
            BootFormat.ELF64, recorded("paging64"), 0));

    /** Ring 3: TSS, IRET down, an INT 0x80 system call up, and the #GP faults privilege brings. */
    public static final Guest USER32 = add(new Guest("user32",
            "privilege levels: LTR, IRET to ring 3, INT 0x80 gate (DPL 3) switching to TSS.ESP0, #GP for"
                    + " CLI/HLT/IN/MOV CR0/INT via a DPL 0 gate/DPL 0 data selector at CPL 3 (exit 3-7, 10+n)",
            BootFormat.MULTIBOOT, recorded("user32"), 0, Set.of(Need.KERNEL_IO_AFTER_USER_MODE)));

    /** Ring 3 in long mode: SYSCALL/SYSRETQ with SFMASK, INT 0x80 onto TSS.RSP0, privilege faults. */
    public static final Guest USER64 = add(new Guest("user64",
            "long-mode ring 3 (ELF64): own GDT/TSS/user page tables, IRETQ down, SYSCALL/SYSRETQ (STAR, LSTAR,"
                    + " SFMASK), INT 0x80 via a DPL 3 gate onto TSS.RSP0, #GP for CLI/HLT/IN/MOV CR3/WRMSR (exit 3-8, 10+n)",
            BootFormat.ELF64, recorded("user64"), 0,
            Set.of(Need.KERNEL_IO_AFTER_USER_MODE)));

    /** Segmentation that QEMU models: bases, limits from the inside, types at load time, LDT, 16-bit code, LAR/LSL. */
    public static final Guest SEGMENTS32 = add(new Guest("segments32",
            "segments: base, byte-granular and expand-down limits (inside), execute-only code refused as data,"
                    + " readable code as data, 16-bit code segment, LDT, LSL/LAR/VERR/VERW (exit 6*check[+kind])",
            BootFormat.MULTIBOOT, recorded("segments32"), 0));

    /** Limit and type violations on access: #GP(0) each. Expected from the SDM; QEMU 7.2 TCG does not check. */
    public static final Guest SEGLIMITS32 = add(new Guest("seglimits32",
            "segment limit and type violations: straddling a limit, below expand-down, writing read-only data,"
                    + " reading execute-only CS, far jump past a limit, null selector; #GP(0) each (SDM, not QEMU)",
            BootFormat.MULTIBOOT, recorded("seglimits32"), 0, Set.of(Need.FAR_JUMP_LIMIT_CHECK)));

    /** Self-modifying code in four shapes a translator must notice. */
    public static final Guest SMC32 = add(new Guest("smc32",
            "self-modifying code: a loop patching its own immediate, the next instruction, a routine"
                    + " copied over another, a patched routine on another page (exit 3-6)",
            BootFormat.MULTIBOOT, recorded("smc32"), 0));

    /** Freestanding C: sieve of Eratosthenes below 10^6, ten rounds; output from a native run of the same C. */
    public static final Guest SIEVE32 = add(new Guest("sieve32",
            "CPU-bound freestanding C: bit-array sieve below 10^6, prime count and checksum; rounds=N on the"
                    + " command line, default 10 (exit 3: rounds disagree, 4: not 78498 primes, 5: bad rounds=N)",
            BootFormat.MULTIBOOT, recorded("sieve32"), 0));

    /** Freestanding C: table-driven CRC-32 of 1 MiB (rounds=N x 64 KiB); output from a native run of the same C. */
    public static final Guest CRC32 = add(new Guest("crc32",
            "CPU-bound freestanding C: CRC-32 check value, then rounds=N x 64 KiB of xorshift bytes; rounds=N on"
                    + " the command line, default 16 = 1 MiB (exit 3: check value wrong, 4: table and bitwise CRC"
                    + " differ, 5: bad rounds=N)",
            BootFormat.MULTIBOOT, recorded("crc32"), 0));

    /** The sieve kernel again, compiled for x86-64 and entered directly in long mode. */
    public static final Guest SIEVE64 = add(new Guest("sieve64",
            "sieve32's C compiled as an x86-64 ELF64 kernel: the same work in 64-bit long mode, rounds=N from"
                    + " the command line in RDI (exit 3: rounds disagree, 4: not 78498 primes, 5: bad rounds=N)",
            BootFormat.ELF64, recorded("sieve64"), 0));

    /** Integer instructions and their defined flags, hashed per family; expected output from the host CPU. */
    public static final Guest ALU32 = add(new Guest("alu32",
            "70 integer instruction families (ALU, shifts, rotates, mul/div, bit ops, partial registers, setcc/jcc,"
                    + " memory operands, XADD/CMPXCHG/CMPXCHG8B, BCD) over edge-case operands, result+defined flags"
                    + " hashed per family, compared with the host CPU",
            BootFormat.MULTIBOOT, recorded("alu32"), 0));

    /** alu32's C compiled for x86-64: the same families with 64-bit operands. */
    public static final Guest ALU64 = add(new Guest("alu64",
            "alu32's families (less BCD, which 64-bit mode lacks) with 64-bit operands in long mode (ELF64),"
                    + " compared with the host CPU",
            BootFormat.ELF64, recorded("alu64"), 0));

    /** String instructions (MOVS/STOS/LODS/CMPS/SCAS, REP prefixes, DF both ways), checked against the host CPU. */
    public static final Guest STRINGS32 = add(new Guest("strings32",
            "string instructions: MOVS STOS LODS CMPS SCAS, byte to dword, REP/REPE/REPNE, DF=0/1, overlapping"
                    + " buffers, counts 0-16; buffers, RSI/RDI/RCX and flags hashed, compared with the host CPU",
            BootFormat.MULTIBOOT, recorded("strings32"), 0));

    /** strings32 in long mode, with the qword forms. */
    public static final Guest STRINGS64 = add(new Guest("strings64",
            "strings32's families in long mode (ELF64) plus MOVSQ/CMPSQ, compared with the host CPU",
            BootFormat.ELF64, recorded("strings64"), 0));

    /** Mandelbrot ASCII art with x87 arithmetic; expected output from the host's FPU running the same code. */
    public static final Guest MANDEL32 = add(new Guest("mandel32",
            "x87 floating point: the Mandelbrot set as 72x24 ASCII art, iteration count and a hash of every"
                    + " escaping z's bits, compared with the host FPU",
            BootFormat.MULTIBOOT, recorded("mandel32"), 0,
            Set.of(Need.X87)));

    /** The n-body problem with x87 arithmetic (doubles, an 80-bit energy sum); expected output from the host's FPU. */
    public static final Guest NBODY32 = add(new Guest("nbody32",
            "x87 floating point: five bodies, 500 steps (FSQRT, FDIV, long double sums), the energy bits and a"
                    + " hash of the final state, compared with the host FPU",
            BootFormat.MULTIBOOT, recorded("nbody32"), 0,
            Set.of(Need.X87)));

    /** The x87 transcendentals through inline assembly (no libm); expected output from the host's FPU, the same as QEMU TCG's. */
    public static final Guest TRIG32 = add(new Guest("trig32",
            "x87 transcendentals: an FFT with FSINCOS twiddles, Kepler's equation (FSIN, FCOS, FPATAN), log2 and 2^x"
                    + " (FYL2X, FYL2XP1, F2XM1), FPTAN, C2 for 2^64; compared with the host FPU",
            BootFormat.MULTIBOOT, recorded("trig32"), 0,
            Set.of(Need.X87)));

    /** The same picture with SSE2 doubles in long mode. */
    public static final Guest MANDEL64 = add(new Guest("mandel64",
            "SSE2 floating point in long mode (ELF64): mandel32's picture and hashes, compared with the host",
            BootFormat.ELF64, recorded("mandel64"), 0,
            Set.of(Need.FLOATING_POINT)));

    /** SSE2 through GCC vector extensions: packed integer and double families, compared with the host. */
    public static final Guest SIMD64 = add(new Guest("simd64",
            "SSE2 in long mode (ELF64): packed byte/word/dword/qword arithmetic, shifts, compares, shuffles,"
                    + " packed doubles with divide and square root, conversions; hashed, compared with the host",
            BootFormat.ELF64, recorded("simd64"), 0, Set.of(Need.FLOATING_POINT)));

    /** SSE4.1, SSE4.2 and POPCNT through GCC's intrinsics, compared with the host. */
    public static final Guest SSE4_64 = add(new Guest("sse4-64",
            "SSE4.1/SSE4.2/POPCNT in long mode (ELF64): PINSR/PEXTR/INSERTPS, the packed-integer additions, ROUND* in"
                    + " every mode, DPPS/DPPD, blends, PTEST, MPSADBW, PHMINPOSUW, CRC32 and PCMPxSTRx; hashed, compared"
                    + " with the host",
            BootFormat.ELF64, recorded("sse4-64"), 0, Set.of(Need.FLOATING_POINT)));

    /** The spectral norm in C built x87-only (-m32 -mfpmath=387); expected output from the host's FPU running the same code. */
    public static final Guest SPECTRAL32 = add(new Guest("spectral32",
            "x87 floating point (-mfpmath=387): the spectral norm of a 100x100 matrix, 20 products A^T A v with"
                    + " FDIV in the inner loop; the norm's bits and a hash of the vectors, compared with the host FPU;"
                    + " rounds=N on the command line, default 1 (exit 3: rounds disagree, 5: bad rounds=N)",
            BootFormat.MULTIBOOT, recorded("spectral32"), 0,
            Set.of(Need.X87)));

    /** spectral32's C built for SSE (-m64 -msse4.2 -mfpmath=sse) as an ELF64 kernel. */
    public static final Guest SPECTRAL64 = add(new Guest("spectral64",
            "spectral32's C built for SSE (-msse4.2 -mfpmath=sse) in long mode (ELF64): DIVSD/MULSD/ADDSD/CVTSI2SD,"
                    + " compared with the host; rounds=N from the command line in RDI (exit 3: rounds disagree, 5: bad"
                    + " rounds=N)",
            BootFormat.ELF64, recorded("spectral64"), 0, Set.of(Need.FLOATING_POINT)));

    /** Freestanding C: quicksort of 200,000 xorshift numbers per round; rounds=N on the command line. */
    public static final Guest SORT32 = add(new Guest("sort32",
            "CPU-bound freestanding C: quicksort (median of three, Hoare partition, insertion sort) of 200000"
                    + " pseudo-random signed ints per round, signed compares, swaps, recursion; rounds=N on the"
                    + " command line, default 2 (exit 3: not sorted, 4: not a permutation, 5: bad rounds=N)",
            BootFormat.MULTIBOOT, recorded("sort32"), 0));

    /** The sort kernel compiled for x86-64 and entered directly in long mode. */
    public static final Guest SORT64 = add(new Guest("sort64",
            "sort32's C compiled as an x86-64 ELF64 kernel, rounds=N from the command line in RDI"
                    + " (exit 3: not sorted, 4: not a permutation, 5: bad rounds=N)",
            BootFormat.ELF64, recorded("sort64"), 0));

    /** Freestanding C: 128x128 integer matrix multiply per round; rounds=N on the command line. */
    public static final Guest MATMUL32 = add(new Guest("matmul32",
            "CPU-bound freestanding C: 128x128 int32 matrix multiply with wrapping IMUL/ADD in a tight inner"
                    + " loop, checked by a row/column-sum identity; rounds=N on the command line, default 4"
                    + " (exit 3: identity failed, 5: bad rounds=N)",
            BootFormat.MULTIBOOT, recorded("matmul32"), 0));

    /** The matrix kernel compiled for x86-64 and entered directly in long mode. */
    public static final Guest MATMUL64 = add(new Guest("matmul64",
            "matmul32's C compiled as an x86-64 ELF64 kernel, rounds=N from the command line in RDI"
                    + " (exit 3: identity failed, 5: bad rounds=N)",
            BootFormat.ELF64, recorded("matmul64"), 0));

    /** Freestanding C: six different kernels take turns every round (switch tables, recursion, function pointers). */
    public static final Guest MIXED32 = add(new Guest("mixed32",
            "CPU-bound freestanding C whose hot code keeps changing: a bytecode interpreter (jump table), a recursive"
                    + " binary tree, function-pointer filters and a merge sort with a comparison callback, a tokenizer"
                    + " with a hash table, an LZ77 round trip, gcd/modular powers/square roots, in an order rotating"
                    + " every round; rounds=N on the command line, default 1 (exit 3: a self-check failed, 5: bad rounds=N)",
            BootFormat.MULTIBOOT, recorded("mixed32"), 0));

    /** The name of the CoreMark guest, which exists only where it was built ({@link #coremarkMissing()}). */
    public static final String COREMARK = "coremark";

    /**
     * The lines of CoreMark's report that are not its result: those that depend on how long the run took
     * (its times and rates, its complaint about runs under 10 s and the verdict that follows from it, which
     * is CoreMark's timing rule; the result is the CRC lines and the exit value), the port's own rate line,
     * and the compiler flags, which name the build (the host build of the bench's native engine differs).
     */
    static final String COREMARK_MEASUREMENTS = "(Total ticks|Total time \\(secs\\)|Iterations/Sec) *: \\d+"
            + "|Compiler flags   : .*"
            + "|ERROR! Must execute for at least 10 secs for a valid result!"
            + "|Correct operation validated\\. See README\\.md for run and reporting rules\\."
            + "|Errors detected"
            + "|coremark: \\d+ iterations in \\d+ ms(, \\d+\\.\\d{3} iterations/s)?";

    static {
        if (Guest.class.getResource(Guest.RESOURCE_DIRECTORY + COREMARK + ".elf") != null) {
            add(new Guest(COREMARK,
                    "CoreMark 1.0 (EEMBC) built at build time from ../shared/third-party/coremark with jvmm's port:"
                            + " list processing, matrix arithmetic, a state machine and CRCs, PIT clock on IRQ 0;"
                            + " rounds=N iterations, default 100 (exit 3: CRCs not the performance run's, 5: bad"
                            + " rounds=N, 6: CPU exception)",
                    BootFormat.MULTIBOOT, ExpectedOutput.measured(resourceText(COREMARK), COREMARK_MEASUREMENTS), 0));
        }
    }

    /** The guest booted when the user names none. */
    public static final Guest DEFAULT = HELLO_PM32;

    /**
     * The class-path resource of {@code elf64-boot}, not a guest but a multiboot shim that boots an ELF64 guest
     * given as its first module the way jvmm's ELF64 loader does, so QEMU can run ELF64 guests too:
     * {@code qemu-system-x86_64 ... -kernel elf64-boot.elf -initrd hello-elf64.elf}.
     */
    public static final String ELF64_BOOT_SHIM_RESOURCE = Guest.RESOURCE_DIRECTORY + "elf64-boot.elf";

    private GuestCatalog() {}

    /** A fresh copy of the {@linkplain #ELF64_BOOT_SHIM_RESOURCE elf64-boot shim}. */
    public static byte[] elf64BootShim() {
        try (InputStream in = GuestCatalog.class.getResourceAsStream(ELF64_BOOT_SHIM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(ELF64_BOOT_SHIM_RESOURCE + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ELF64_BOOT_SHIM_RESOURCE, e);
        }
    }

    /**
     * A guest's exact expected COM1 output, the resource {@code <name>.expected} next to the image: for the
     * assembly guests recorded from QEMU 7.2 ({@code src/guest/<name>/expected.txt}), for the C guests printed
     * by the same kernel code run natively on the build host ({@code build.sh} makes both).
     */
    /**
     * Why the CoreMark guest is not in this catalogue (the reason its build recorded, e.g. no CoreMark
     * sources beside the clone), or null if it is.
     */
    public static String coremarkMissing() {
        if (BY_NAME.containsKey(COREMARK)) return null;
        try (InputStream in = GuestCatalog.class.getResourceAsStream(Guest.RESOURCE_DIRECTORY + COREMARK + ".unavailable")) {
            return in == null ? "not built (guest-images/build-coremark.sh did not run)" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "not built (" + e.getMessage() + ")";
        }
    }

    private static ExpectedOutput recorded(String guest) {
        return ExpectedOutput.exactly(resourceText(guest));
    }

    private static String resourceText(String guest) {
        String resource = Guest.RESOURCE_DIRECTORY + guest + ".expected";
        try (InputStream in = GuestCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: run guest-images/build.sh");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static Guest add(Guest guest) {
        if (BY_NAME.putIfAbsent(guest.name(), guest) != null) {
            throw new IllegalStateException("two guests named " + guest.name());
        }
        return guest;
    }

    /** Every guest, in catalogue order (simplest first). */
    public static List<Guest> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The guest called {@code name}; an unknown name fails with a message listing the known ones. */
    public static Guest byName(String name) {
        Guest guest = BY_NAME.get(name);
        if (guest == null) {
            throw new IllegalArgumentException(
                    "unknown guest '" + name + "'; known guests: " + String.join(", ", BY_NAME.keySet()));
        }
        return guest;
    }
}
