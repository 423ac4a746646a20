package dev.jvmm.kvm.sys;

/**
 * Numbers from {@code linux/kvm.h}: ioctl requests, exit reasons and capabilities.
 *
 * <p>ioctl numbers are built the way the kernel's {@code _IO/_IOR/_IOW/_IOWR} macros build them
 * ({@code dir << 30 | size << 16 | type << 8 | nr}, type 0xAE for KVM), with the struct size from
 * the layouts in this package, so a wrong layout size shows up as a wrong request number (and the
 * tests compare every number with the value recorded from the C header).
 */
public final class KvmApi {
    private KvmApi() {}

    /** {@code KVMIO}: the ioctl "type" byte of every KVM request. */
    public static final int KVMIO = 0xAE;
    private static final int IOC_NONE = 0, IOC_WRITE = 1, IOC_READ = 2;

    static long ioc(int dir, int nr, long size) {
        return ((long) dir << 30) | (size << 16) | ((long) KVMIO << 8) | nr;
    }

    static long io(int nr) {
        return ioc(IOC_NONE, nr, 0);
    }

    static long ior(int nr, long size) {
        return ioc(IOC_READ, nr, size);
    }

    static long iow(int nr, long size) {
        return ioc(IOC_WRITE, nr, size);
    }

    static long iowr(int nr, long size) {
        return ioc(IOC_READ | IOC_WRITE, nr, size);
    }

    /** The only API version there has ever been since Linux 2.6.22. */
    public static final int API_VERSION = 12;

    // ---- ioctls on the /dev/kvm file descriptor ----
    public static final long KVM_GET_API_VERSION = io(0x00);
    public static final long KVM_CREATE_VM = io(0x01);
    public static final long KVM_CHECK_EXTENSION = io(0x03);
    public static final long KVM_GET_VCPU_MMAP_SIZE = io(0x04);
    /** Fills a {@code kvm_cpuid2}; fails with E2BIG if {@code nent} is too small. */
    public static final long KVM_GET_SUPPORTED_CPUID = iowr(0x05, KvmCpuidLayout.HEADER.byteSize());

    // ---- ioctls on a VM file descriptor ----
    public static final long KVM_CREATE_VCPU = io(0x41);
    public static final long KVM_SET_USER_MEMORY_REGION = iow(0x46, KvmMemoryRegionLayout.LAYOUT.byteSize());
    /** Three pages of guest physical space KVM may use for its real-mode TSS on Intel VMX. */
    public static final long KVM_SET_TSS_ADDR = io(0x47);

    // ---- ioctls on a vCPU file descriptor ----
    public static final long KVM_RUN = io(0x80);
    public static final long KVM_GET_REGS = ior(0x81, KvmRegsLayout.LAYOUT.byteSize());
    public static final long KVM_SET_REGS = iow(0x82, KvmRegsLayout.LAYOUT.byteSize());
    public static final long KVM_GET_SREGS = ior(0x83, KvmSregsLayout.LAYOUT.byteSize());
    public static final long KVM_SET_SREGS = iow(0x84, KvmSregsLayout.LAYOUT.byteSize());
    public static final long KVM_TRANSLATE = iowr(0x85, KvmTranslationLayout.LAYOUT.byteSize());
    /** Argument: a {@code struct kvm_interrupt { __u32 irq; }}. */
    public static final long KVM_INTERRUPT = iow(0x86, 4);
    public static final long KVM_GET_MSRS = iowr(0x88, KvmMsrsLayout.HEADER.byteSize());
    public static final long KVM_SET_MSRS = iow(0x89, KvmMsrsLayout.HEADER.byteSize());
    /** Argument: {@code struct kvm_signal_mask { __u32 len; __u8 sigset[]; }}. */
    public static final long KVM_SET_SIGNAL_MASK = iow(0x8b, 4);
    public static final long KVM_GET_FPU = ior(0x8c, KvmFpuLayout.LAYOUT.byteSize());
    public static final long KVM_SET_FPU = iow(0x8d, KvmFpuLayout.LAYOUT.byteSize());
    public static final long KVM_SET_CPUID2 = iow(0x90, KvmCpuidLayout.HEADER.byteSize());
    public static final long KVM_GET_VCPU_EVENTS = ior(0x9f, KvmVcpuEventsLayout.LAYOUT.byteSize());
    public static final long KVM_SET_VCPU_EVENTS = iow(0xa0, KvmVcpuEventsLayout.LAYOUT.byteSize());
    public static final long KVM_SET_GUEST_DEBUG = iow(0x9b, KvmGuestDebugLayout.LAYOUT.byteSize());
    public static final long KVM_GET_DEBUGREGS = ior(0xa1, KvmDebugregsLayout.LAYOUT.byteSize());
    public static final long KVM_SET_DEBUGREGS = iow(0xa2, KvmDebugregsLayout.LAYOUT.byteSize());

    // ---- capabilities (KVM_CHECK_EXTENSION) ----
    public static final int KVM_CAP_NR_MEMSLOTS = 10;
    public static final int KVM_CAP_IMMEDIATE_EXIT = 136;
    public static final int KVM_CAP_VCPU_EVENTS = 41, KVM_CAP_DEBUGREGS = 50;

    // ---- KVM_SET_USER_MEMORY_REGION flags ----
    public static final int KVM_MEM_READONLY = 1 << 1;

    // ---- kvm_run.exit_reason ----
    public static final int KVM_EXIT_UNKNOWN = 0, KVM_EXIT_EXCEPTION = 1, KVM_EXIT_IO = 2, KVM_EXIT_HYPERCALL = 3,
            KVM_EXIT_DEBUG = 4, KVM_EXIT_HLT = 5, KVM_EXIT_MMIO = 6, KVM_EXIT_IRQ_WINDOW_OPEN = 7,
            KVM_EXIT_SHUTDOWN = 8, KVM_EXIT_FAIL_ENTRY = 9, KVM_EXIT_INTR = 10, KVM_EXIT_SET_TPR = 11,
            KVM_EXIT_TPR_ACCESS = 12, KVM_EXIT_NMI = 16, KVM_EXIT_INTERNAL_ERROR = 17,
            KVM_EXIT_SYSTEM_EVENT = 24;
    public static final int KVM_EXIT_IO_IN = 0, KVM_EXIT_IO_OUT = 1;

    // ---- kvm_run.internal.suberror ----
    public static final int KVM_INTERNAL_ERROR_EMULATION = 1, KVM_INTERNAL_ERROR_SIMUL_EX = 2,
            KVM_INTERNAL_ERROR_DELIVERY_EV = 3, KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON = 4;
    /** emulation_failure.flags bit: insn_size/insn_bytes are valid. */
    public static final long KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES = 1;

    /** The name of an exit reason, for statistics and reports ("IO", "HLT", ...). */
    public static String exitName(int reason) {
        return switch (reason) {
            case KVM_EXIT_UNKNOWN -> "UNKNOWN";
            case KVM_EXIT_EXCEPTION -> "EXCEPTION";
            case KVM_EXIT_IO -> "IO";
            case KVM_EXIT_HYPERCALL -> "HYPERCALL";
            case KVM_EXIT_DEBUG -> "DEBUG";
            case KVM_EXIT_HLT -> "HLT";
            case KVM_EXIT_MMIO -> "MMIO";
            case KVM_EXIT_IRQ_WINDOW_OPEN -> "IRQ_WINDOW_OPEN";
            case KVM_EXIT_SHUTDOWN -> "SHUTDOWN";
            case KVM_EXIT_FAIL_ENTRY -> "FAIL_ENTRY";
            case KVM_EXIT_INTR -> "INTR";
            case KVM_EXIT_SET_TPR -> "SET_TPR";
            case KVM_EXIT_TPR_ACCESS -> "TPR_ACCESS";
            case KVM_EXIT_NMI -> "NMI";
            case KVM_EXIT_INTERNAL_ERROR -> "INTERNAL_ERROR";
            case KVM_EXIT_SYSTEM_EVENT -> "SYSTEM_EVENT";
            default -> "EXIT_" + reason;
        };
    }

    public static String internalErrorName(int suberror) {
        return switch (suberror) {
            case KVM_INTERNAL_ERROR_EMULATION -> "emulation failure";
            case KVM_INTERNAL_ERROR_SIMUL_EX -> "exception while delivering an exception";
            case KVM_INTERNAL_ERROR_DELIVERY_EV -> "exit while delivering an event";
            case KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON -> "unexpected hardware exit reason";
            default -> "suberror " + suberror;
        };
    }
}
