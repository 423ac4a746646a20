/**
 * The /dev/kvm engine ({@code --engine kvm}): guests run on the host's KVM, driven from Java through
 * the FFM API ({@code java.lang.foreign}, no JNI), and every exit lands in the same device models
 * the software CPU uses.
 *
 * <h2>How a VMM drives /dev/kvm, in the order this package does it</h2>
 * <ol>
 *   <li>{@link dev.jvmm.kvm.KvmSystem}: {@code open("/dev/kvm")}, check
 *       {@code KVM_GET_API_VERSION == 12}, ask {@code KVM_GET_VCPU_MMAP_SIZE} and
 *       {@code KVM_GET_SUPPORTED_CPUID}.</li>
 *   <li>{@link dev.jvmm.kvm.KvmMachine} (one per guest) and {@link dev.jvmm.kvm.KvmVm}: {@code KVM_CREATE_VM} gives a VM fd;
 *       {@code KVM_SET_TSS_ADDR} parks Intel's real-mode TSS above RAM;
 *       {@code KVM_SET_USER_MEMORY_REGION} hands KVM guest RAM: the very bytes of
 *       {@code GuestMemory.ram()}, cut by {@link dev.jvmm.kvm.RamSlots} into one slot per run
 *       of RAM pages so that MMIO holes stay unmapped and exit.</li>
 *   <li>{@link dev.jvmm.kvm.KvmVcpu}, one per vCPU index: {@code KVM_CREATE_VCPU}, {@code mmap} of its
 *       {@code kvm_run} page (read through {@link dev.jvmm.kvm.KvmRun}), {@code KVM_SET_CPUID2}
 *       ({@link dev.jvmm.kvm.CpuidPolicy}), {@code KVM_SET_FPU}; the loader's
 *       {@code CpuState} goes in with {@code KVM_SET_REGS/SREGS/MSRS} ({@link dev.jvmm.kvm.VcpuRegisters};
 *       {@link dev.jvmm.kvm.CpuStateCodec} converts).</li>
 *   <li>The run loop, {@link dev.jvmm.kvm.KvmVcpu#run()}: offer a pending interrupt
 *       ({@code KVM_INTERRUPT} when {@code ready_for_interrupt_injection} and IF=1, else
 *       {@code request_interrupt_window}), {@code KVM_RUN}, then switch on {@code exit_reason}:
 *       IO to the PortBus (data at {@code kvm_run + data_offset}, {@code count} items for string
 *       I/O), MMIO to GuestMemory, HLT to the timer queue's idle, SHUTDOWN is a triple fault,
 *       INTERNAL_ERROR/FAIL_ENTRY become a readable {@link dev.jvmm.kvm.ExitReport}, except an
 *       emulation failure (PVM's emulator cannot run software interrupts, IRET, DAA in protected
 *       mode, x87, a fetch above RAM, ...): jvmm's interpreter executes that one instruction on the
 *       same RAM and state ({@link dev.jvmm.kvm.InterpreterFallback}) and the guest goes on. After
 *       every exit due timers run and a stop request ends the run.</li>
 * </ol>
 *
 * <h2>Getting out of KVM_RUN</h2>
 * A guest that spins never exits by itself. {@link dev.jvmm.kvm.VcpuKick} interrupts KVM_RUN
 * with a signal that is blocked in user space and unblocked only inside KVM_RUN
 * ({@code KVM_SET_SIGNAL_MASK}), so no signal handler (impossible in Java) is needed;
 * {@code requestExit()} uses it together with {@code kvm_run.immediate_exit}, and
 * {@link dev.jvmm.kvm.DeadlineKicker} uses it when the next device timer is due.
 *
 * <h2>Single-stepping</h2>
 * {@link dev.jvmm.kvm.KvmVcpu#setSingleStep} turns on {@code KVM_SET_GUEST_DEBUG} single-step:
 * {@code run()} then returns a {@code Breakpoint} after each instruction, for a lockstep comparison
 * with the software CPU. Two instructions need help: after an IN/OUT exit the instruction is
 * finished with an {@code immediate_exit} KVM_RUN (otherwise KVM runs one more before reporting),
 * and HLT is stepped in Java (KVM reports the step instead of the HLT exit that would halt).
 *
 * <h2>Limits, by design or not yet done</h2>
 * <ul>
 *   <li>No in-kernel irqchip or PIT: the userspace PIC, PIT, IOAPIC and local APICs are the only ones.
 *       So CPUID reports neither x2APIC nor TSC-deadline (KVM would #GP the x2APIC MSRs and drop
 *       TSC-deadline writes without an in-kernel APIC); the xAPIC page works through MMIO exits.
 *       With several vCPUs ({@code -smp N}) each has its own vCPU fd and thread, application
 *       processors wait for INIT/SIPI in user space, and a vCPU inside KVM_RUN is kicked when an
 *       interrupt becomes deliverable to it ({@link dev.jvmm.kvm.KvmMachine}).</li>
 *   <li>ROM above RAM is reachable for data reads (through MMIO exits) but code cannot execute from
 *       it; the A20 gate cannot be modelled (KVM maps RAM once; A20 is always on).</li>
 *   <li>Writes by the guest do not notify GuestMemory's CodeWriteListener (no translations exist
 *       under KVM).</li>
 *   <li>A virtual clock cannot count instructions under KVM: it advances when the vCPU idles in HLT
 *       and, when the guest ran until a timer deadline, to that deadline.</li>
 *   <li>CpuState carries registers, segments, control and debug registers, the interrupt shadow and
 *       the common MSRs; not pending exceptions/NMIs, nor x87/SSE contents.</li>
 *   <li>Guest RAM is mapped at the first {@code run()} and never again: an MMIO window placed
 *       while the guest runs (a PCI BAR moved) would still be RAM to KVM.</li>
 * </ul>
 *
 * <p>{@link dev.jvmm.kvm.KvmHost} tells hardware KVM from PVM, where every guest instruction
 * is emulated in the host kernel (~1 us each): label every number measured here with it. Seen on
 * PVM and not fixable from user space: paging can only be turned on for long mode (a 32-bit
 * guest's MOV CR0 with PG set, PAE or not, gets #GP); MSR 0x10a writes are refused; TSC writes are
 * ignored.
 * The raw binding (constants, struct layouts, libc downcalls) is in {@code dev.jvmm.kvm.sys}.
 */
package dev.jvmm.kvm;
