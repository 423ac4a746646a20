/*
 * kvm_exit_roundtrip.c: the C baseline of jvmm's I/O-exit round-trip benchmark
 * (dev.jvmm.bench.kvm.ExitRoundTripBench runs it next to jvmm's Java KVM engine).
 *
 * One VM, one vCPU, 2 MiB of guest RAM, and a real-mode guest at 0x1000 that does
 *
 *     mov ecx, N ; mov dx, START ; out dx, al ; mov dx, DATA
 *  l: mov al, cl ; out dx, al ; dec ecx ; jnz l
 *     mov dx, DONE ; out dx, al ; cli ; hlt
 *
 * Every OUT leaves KVM_RUN; the host does what a minimal device would: add the byte written to
 * DATA to a sum. Timed (CLOCK_MONOTONIC) from the START exit to the DONE exit: N round trips
 * guest OUT -> host -> guest. Time inside KVM_RUN is summed too (clock read around each call,
 * as jvmm's KvmVcpu does for its statistics).
 *
 *   gcc -O2 -o kvm_exit_roundtrip kvm_exit_roundtrip.c && ./kvm_exit_roundtrip 20000 [M]
 *
 * With M > 0 it first times M no-op ioctls (KVM_GET_API_VERSION on /dev/kvm): the bare cost of a
 * system call from C, against which the Java downcall is compared.
 *
 * Output, one line of key=value: n, total_ns, ns_per_exit, checksum, data_exits, exits,
 * kvm_run_ns (inside KVM_RUN, whole run), loop_ns (the whole run loop), guest (its bytes in hex),
 * and with M: null_ioctls=M null_ioctl_ns (their total time).
 * Only linux/kvm.h and libc.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define RAM_SIZE (2u << 20)
#define LOAD_ADDRESS 0x1000u
#define TSS_ADDRESS 0xfffbd000u
#define PORT_DATA 0x510
#define PORT_START 0x511
#define PORT_DONE 0x512

/* The guest; bytes 2..5 are N (little-endian). The same bytes as dev.jvmm.bench.kvm.GuestLoop. */
static const uint8_t GUEST[] = {
    0x66, 0xB9, 0, 0, 0, 0,           /* mov ecx, N */
    0xBA, 0x11, 0x05,                 /* mov dx, 0x511 (START) */
    0xEE,                             /* out dx, al */
    0xBA, 0x10, 0x05,                 /* mov dx, 0x510 (DATA) */
    0x88, 0xC8,                       /* l: mov al, cl */
    0xEE,                             /* out dx, al */
    0x66, 0x49,                       /* dec ecx */
    0x75, 0xF9,                       /* jnz l */
    0xBA, 0x12, 0x05,                 /* mov dx, 0x512 (DONE) */
    0xEE,                             /* out dx, al */
    0xFA, 0xF4,                       /* cli; hlt */
};

static void die(const char *what) {
    fprintf(stderr, "kvm_exit_roundtrip: %s: %s\n", what, strerror(errno));
    exit(1);
}

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void set_real_mode(int vcpu) {
    struct kvm_sregs sregs;
    struct kvm_regs regs;
    if (ioctl(vcpu, KVM_GET_SREGS, &sregs) < 0) die("KVM_GET_SREGS");
    struct kvm_segment *segs[] = {&sregs.cs, &sregs.ds, &sregs.es, &sregs.fs, &sregs.gs, &sregs.ss};
    for (unsigned i = 0; i < sizeof segs / sizeof segs[0]; i++) {
        segs[i]->base = 0;
        segs[i]->selector = 0;
    }
    if (ioctl(vcpu, KVM_SET_SREGS, &sregs) < 0) die("KVM_SET_SREGS");
    memset(&regs, 0, sizeof regs);
    regs.rip = LOAD_ADDRESS;
    regs.rflags = 0x2;
    if (ioctl(vcpu, KVM_SET_REGS, &regs) < 0) die("KVM_SET_REGS");
}

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 20000;
    long m = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
    if (n < 1 || n > 0x7fffffff || m < 0) {
        fprintf(stderr, "usage: %s [N >= 1 exits] [M >= 0 null ioctls]\n", argv[0]);
        return 2;
    }
    int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (kvm < 0) die("open /dev/kvm");
    if (ioctl(kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION) die("KVM_GET_API_VERSION is not 12");
    int64_t null_start = now_ns();
    for (long i = 0; i < m; i++) {
        if (ioctl(kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION) die("KVM_GET_API_VERSION");
    }
    int64_t null_total = now_ns() - null_start;
    int vm = ioctl(kvm, KVM_CREATE_VM, 0);
    if (vm < 0) die("KVM_CREATE_VM");
    if (ioctl(vm, KVM_SET_TSS_ADDR, TSS_ADDRESS) < 0) die("KVM_SET_TSS_ADDR");

    uint8_t *ram = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ram == MAP_FAILED) die("mmap guest RAM");
    memcpy(ram + LOAD_ADDRESS, GUEST, sizeof GUEST);
    uint32_t count = (uint32_t)n;
    memcpy(ram + LOAD_ADDRESS + 2, &count, 4);
    struct kvm_userspace_memory_region region = {
        .slot = 0, .guest_phys_addr = 0, .memory_size = RAM_SIZE, .userspace_addr = (uintptr_t)ram};
    if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) < 0) die("KVM_SET_USER_MEMORY_REGION");

    int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
    if (vcpu < 0) die("KVM_CREATE_VCPU");
    int run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
    if (run_size < (int)sizeof(struct kvm_run)) die("KVM_GET_VCPU_MMAP_SIZE");
    struct kvm_run *run = mmap(NULL, run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
    if (run == MAP_FAILED) die("mmap kvm_run");
    set_real_mode(vcpu);

    uint64_t sum = 0, data_exits = 0, exits = 0;
    int64_t start = -1, done = -1, in_run = 0, loop_start = now_ns();
    for (;;) {
        int64_t t0 = now_ns();
        int rc = ioctl(vcpu, KVM_RUN, 0);
        int64_t t1 = now_ns();
        in_run += t1 - t0;
        if (rc < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            die("KVM_RUN");
        }
        exits++;
        if (run->exit_reason == KVM_EXIT_HLT) break;
        if (run->exit_reason != KVM_EXIT_IO || run->io.direction != KVM_EXIT_IO_OUT) {
            fprintf(stderr, "kvm_exit_roundtrip: unexpected exit reason %u\n", run->exit_reason);
            return 1;
        }
        const uint8_t *data = (const uint8_t *)run + run->io.data_offset;
        switch (run->io.port) { /* the "device": what a port write handler would do */
        case PORT_DATA: sum += data[0]; data_exits++; break;
        case PORT_START: start = t1; break;
        case PORT_DONE: done = t1; break;
        default: break;
        }
    }
    if (start < 0 || done < 0) {
        fprintf(stderr, "kvm_exit_roundtrip: the guest halted without its START and DONE writes\n");
        return 1;
    }
    int64_t loop = now_ns() - loop_start, total = done - start;
    printf("n=%ld total_ns=%lld ns_per_exit=%.1f checksum=%llu data_exits=%llu exits=%llu kvm_run_ns=%lld loop_ns=%lld guest=",
           n, (long long)total, (double)total / n, (unsigned long long)sum, (unsigned long long)data_exits,
           (unsigned long long)exits, (long long)in_run, (long long)loop);
    for (unsigned i = 0; i < sizeof GUEST; i++) printf("%02x", ram[LOAD_ADDRESS + i]);
    if (m > 0) printf(" null_ioctls=%ld null_ioctl_ns=%lld", m, (long long)null_total);
    printf("\n");
    munmap(run, run_size);
    close(vcpu);
    close(vm);
    close(kvm);
    munmap(ram, RAM_SIZE);
    return 0;
}
