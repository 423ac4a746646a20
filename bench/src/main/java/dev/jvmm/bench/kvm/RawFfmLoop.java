package dev.jvmm.bench.kvm;

import dev.jvmm.kvm.sys.KvmApi;
import dev.jvmm.kvm.sys.KvmMemoryRegionLayout;
import dev.jvmm.kvm.sys.KvmRegsLayout;
import dev.jvmm.kvm.sys.KvmRunLayout;
import dev.jvmm.kvm.sys.KvmSregsLayout;
import dev.jvmm.kvm.sys.LibC;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The C program's loop written line for line in Java over the raw FFM binding ({@link LibC}), no
 * engine: no PortBus, timers, interrupt offer or statistics. Set between C and the engine, it tells
 * what the JVM and FFM cost (raw vs C) from what jvmm's run loop costs (engine vs raw).
 */
final class RawFfmLoop {
    private static final long TSS_ADDRESS = 0xFFFB_D000L;

    private RawFfmLoop() {}

    static RoundTrip run(int n) {
        byte[] code = GuestLoop.code(n);
        int kvm = check("open /dev/kvm", LibC.open("/dev/kvm", LibC.O_RDWR | LibC.O_CLOEXEC));
        int vm = -1, vcpu = -1;
        MemorySegment run = null;
        long runSize = 0;
        try (Arena arena = Arena.ofConfined()) {
            vm = check("KVM_CREATE_VM", LibC.ioctl(kvm, KvmApi.KVM_CREATE_VM, 0L));
            check("KVM_SET_TSS_ADDR", LibC.ioctl(vm, KvmApi.KVM_SET_TSS_ADDR, TSS_ADDRESS));
            MemorySegment ram = arena.allocate(GuestLoop.RAM_BYTES, 4096);
            MemorySegment.copy(code, 0, ram, ValueLayout.JAVA_BYTE, GuestLoop.LOAD_ADDRESS, code.length);
            MemorySegment region = arena.allocate(KvmMemoryRegionLayout.LAYOUT);
            region.set(ValueLayout.JAVA_LONG, KvmMemoryRegionLayout.MEMORY_SIZE, GuestLoop.RAM_BYTES);
            region.set(ValueLayout.JAVA_LONG, KvmMemoryRegionLayout.USERSPACE_ADDR, ram.address());
            check("KVM_SET_USER_MEMORY_REGION", LibC.ioctl(vm, KvmApi.KVM_SET_USER_MEMORY_REGION, region));
            vcpu = check("KVM_CREATE_VCPU", LibC.ioctl(vm, KvmApi.KVM_CREATE_VCPU, 0L));
            runSize = check("KVM_GET_VCPU_MMAP_SIZE", LibC.ioctl(kvm, KvmApi.KVM_GET_VCPU_MMAP_SIZE, 0L));
            MemorySegment raw = LibC.mmap(runSize, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, vcpu);
            if (LibC.mapFailed(raw)) throw new IllegalStateException("mmap kvm_run: " + LibC.strerror(LibC.errno()));
            // SAFETY: mmap returned runSize bytes (KVM_GET_VCPU_MMAP_SIZE); unmapped in finally, after its last use.
            run = raw.reinterpret(runSize);
            setRealMode(arena, vcpu);
            return loop(n, vcpu, run);
        } finally {
            if (run != null) LibC.munmap(run.address(), runSize);
            if (vcpu >= 0) LibC.close(vcpu);
            if (vm >= 0) LibC.close(vm);
            LibC.close(kvm);
        }
    }

    private static RoundTrip loop(int n, int vcpu, MemorySegment run) {
        Exits exits = new Exits(vcpu, run);
        long loopStart = System.nanoTime();
        while (exits.next()) {
            // every exit is handled in next(): a method called per exit is JIT-compiled as early as
            // the engine's exit path is (a loop body inlined here would wait for on-stack replacement)
        }
        long loop = System.nanoTime() - loopStart;
        if (exits.start < 0 || exits.done < 0) {
            throw new IllegalStateException("the guest halted without its START and DONE writes");
        }
        return new RoundTrip(n, exits.done - exits.start, exits.sum, exits.dataExits, exits.count, exits.inRun, loop);
    }

    /** The C program's loop state and body. */
    private static final class Exits {
        final int vcpu;
        final MemorySegment run;
        long sum, dataExits, count, start = -1, done = -1, inRun;

        Exits(int vcpu, MemorySegment run) {
            this.vcpu = vcpu;
            this.run = run;
        }

        /** KVM_RUN once and handle the exit; false at HLT. */
        boolean next() {
            long t0 = System.nanoTime();
            int rc = LibC.ioctl(vcpu, KvmApi.KVM_RUN, 0L);
            long t1 = System.nanoTime();
            inRun += t1 - t0;
            if (rc < 0) {
                int errno = LibC.errno();
                if (errno == LibC.EINTR || errno == LibC.EAGAIN) return true;
                throw new IllegalStateException("KVM_RUN: " + LibC.strerror(errno));
            }
            count++;
            int reason = run.get(ValueLayout.JAVA_INT, KvmRunLayout.EXIT_REASON);
            if (reason == KvmApi.KVM_EXIT_HLT) return false;
            if (reason != KvmApi.KVM_EXIT_IO
                    || run.get(ValueLayout.JAVA_BYTE, KvmRunLayout.IO_DIRECTION) != KvmApi.KVM_EXIT_IO_OUT) {
                throw new IllegalStateException("unexpected exit reason " + reason);
            }
            long data = run.get(ValueLayout.JAVA_LONG_UNALIGNED, KvmRunLayout.IO_DATA_OFFSET);
            switch (run.get(ValueLayout.JAVA_SHORT_UNALIGNED, KvmRunLayout.IO_PORT) & 0xFFFF) {
                case GuestLoop.PORT_DATA -> {
                    sum += run.get(ValueLayout.JAVA_BYTE, data) & 0xFF;
                    dataExits++;
                }
                case GuestLoop.PORT_START -> start = t1;
                case GuestLoop.PORT_DONE -> done = t1;
                default -> { }
            }
            return true;
        }
    }

    private static void setRealMode(Arena arena, int vcpu) {
        MemorySegment sregs = arena.allocate(KvmSregsLayout.LAYOUT);
        check("KVM_GET_SREGS", LibC.ioctl(vcpu, KvmApi.KVM_GET_SREGS, sregs));
        for (String s : new String[] {"cs", "ds", "es", "fs", "gs", "ss"}) {
            long seg = KvmSregsLayout.segment(s);
            sregs.set(ValueLayout.JAVA_LONG, seg + KvmSregsLayout.SEG_BASE, 0L);
            sregs.set(ValueLayout.JAVA_SHORT, seg + KvmSregsLayout.SEG_SELECTOR, (short) 0);
        }
        check("KVM_SET_SREGS", LibC.ioctl(vcpu, KvmApi.KVM_SET_SREGS, sregs));
        MemorySegment regs = arena.allocate(KvmRegsLayout.LAYOUT);
        regs.set(ValueLayout.JAVA_LONG, KvmRegsLayout.RIP, GuestLoop.LOAD_ADDRESS);
        regs.set(ValueLayout.JAVA_LONG, KvmRegsLayout.RFLAGS, 2L);
        check("KVM_SET_REGS", LibC.ioctl(vcpu, KvmApi.KVM_SET_REGS, regs));
    }

    private static int check(String what, int rc) {
        if (rc < 0) throw new IllegalStateException(what + ": " + LibC.strerror(LibC.errno()));
        return rc;
    }
}
