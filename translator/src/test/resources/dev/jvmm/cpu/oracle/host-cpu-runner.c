/*
 * The host-CPU oracle's runner (see dev.jvmm.cpu.oracle.HostCpu): runs x86-64 instruction sequences
 * natively and reports the machine state after each. Built by the tests with gcc into target/.
 *
 * The sequence runs in 64-bit user mode at CODE_ADDR, with a data page at DATA_ADDR and a stack page
 * at STACK_ADDR, the addresses jvmm's test sandbox uses, so RIP-relative and absolute operands mean
 * the same on both. Before it: every GPR, RFLAGS (arithmetic flags and DF) and the whole FXSAVE image
 * (x87, MXCSR, XMM0-15) are loaded; after it, a jump back here saves them again. A fault raises a
 * signal: the handler records the GPRs and RFLAGS at the faulting instruction and the vector
 * (REG_TRAPNO), then returns into fault_save, which runs with the guest's FPU/SSE state restored by
 * sigreturn and saves it with FXSAVE64, so a faulting case reports the complete state at the fault.
 *
 * Protocol (stdin -> stdout, little-endian, batched; stdout is flushed on a flush record and at EOF):
 *   case:   u32 code_len, u32 data_len, code[code_len], state, data[data_len]
 *   flush:  u32 0xFFFFFFFF, u32 0
 *   result: i32 vector (-1: ran to the end; -2: still running after 2 s; -3: the state could not be
 *           loaded: MXCSR reserved bits), u32 error code, u64 rip, state, data[data_len]
 *   state:  fxsave64 image[512], gpr[16] (RAX RCX RDX RBX RSP RBP RSI RDI R8-R15), u64 rflags
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#define CODE_ADDR 0x10000UL
#define DATA_ADDR 0x20000UL
#define STACK_ADDR 0x30000UL
#define PAGE 4096
#define EXIT_JUMP_LEN 14 /* jmp [rip+0] followed by the 8-byte address of case_exit */
#define MAX_CODE (PAGE - EXIT_JUMP_LEN)
#define RFLAGS_LOADED 0xCD5UL /* CF PF AF ZF SF DF OF: what user mode may set freely */

struct state {
    uint8_t fx[512];
    uint64_t gpr[16];
    uint64_t rflags;
} __attribute__((aligned(64)));

/* Shared with the assembly below (offsets: fx 0, gpr 512, rflags 640). */
struct state in_state, out_state;
uint64_t runner_rsp;
uint64_t code_entry = CODE_ADDR;
uint32_t default_mxcsr = 0x1F80;

static volatile int in_guest;
static volatile uint64_t case_number, watched_case;
static volatile int32_t out_vector;
static volatile uint32_t out_error;
static volatile uint64_t out_rip;
static uint32_t mxcsr_mask;

void case_enter(void);
void case_exit(void);
void fault_save(void);

__asm__(
    ".text\n"
    ".globl case_enter\n"
    "case_enter:\n"
    "  push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
    "  mov %rsp, runner_rsp(%rip)\n"
    "  fxrstor64 in_state(%rip)\n"
    "  pushq in_state+640(%rip)\n"
    "  popfq\n"
    "  mov in_state+512(%rip), %rax\n"
    "  mov in_state+520(%rip), %rcx\n"
    "  mov in_state+528(%rip), %rdx\n"
    "  mov in_state+536(%rip), %rbx\n"
    "  mov in_state+552(%rip), %rbp\n"
    "  mov in_state+560(%rip), %rsi\n"
    "  mov in_state+568(%rip), %rdi\n"
    "  mov in_state+576(%rip), %r8\n"
    "  mov in_state+584(%rip), %r9\n"
    "  mov in_state+592(%rip), %r10\n"
    "  mov in_state+600(%rip), %r11\n"
    "  mov in_state+608(%rip), %r12\n"
    "  mov in_state+616(%rip), %r13\n"
    "  mov in_state+624(%rip), %r14\n"
    "  mov in_state+632(%rip), %r15\n"
    "  mov in_state+544(%rip), %rsp\n"
    "  jmp *code_entry(%rip)\n"
    ".globl case_exit\n"
    "case_exit:\n"
    "  mov %rax, out_state+512(%rip)\n"
    "  mov %rcx, out_state+520(%rip)\n"
    "  mov %rdx, out_state+528(%rip)\n"
    "  mov %rbx, out_state+536(%rip)\n"
    "  mov %rsp, out_state+544(%rip)\n"
    "  mov %rbp, out_state+552(%rip)\n"
    "  mov %rsi, out_state+560(%rip)\n"
    "  mov %rdi, out_state+568(%rip)\n"
    "  mov %r8, out_state+576(%rip)\n"
    "  mov %r9, out_state+584(%rip)\n"
    "  mov %r10, out_state+592(%rip)\n"
    "  mov %r11, out_state+600(%rip)\n"
    "  mov %r12, out_state+608(%rip)\n"
    "  mov %r13, out_state+616(%rip)\n"
    "  mov %r14, out_state+624(%rip)\n"
    "  mov %r15, out_state+632(%rip)\n"
    "  mov runner_rsp(%rip), %rsp\n"
    "  pushfq\n"
    "  popq out_state+640(%rip)\n"
    ".globl fault_save\n"
    "fault_save:\n" /* entered with RSP = runner_rsp and the guest's FPU/SSE state */
    "  fxsave64 out_state(%rip)\n"
    "  cld\n"
    "  fninit\n"
    "  ldmxcsr default_mxcsr(%rip)\n"
    "  pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
    "  ret\n");

static void die(const char *what) {
    fprintf(stderr, "host-cpu-runner: %s\n", what);
    exit(2);
}

/* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGALRM: a guest fault ends the case. */
static void on_signal(int sig, siginfo_t *info, void *context) {
    (void) info;
    ucontext_t *uc = context;
    greg_t *g = uc->uc_mcontext.gregs;
    if (sig == SIGALRM) {
        if (!in_guest) return;
        if (watched_case != case_number) { /* the first tick this case sees: give it until the next */
            watched_case = case_number;
            return;
        }
    } else if (!in_guest) {
        signal(sig, SIG_DFL); /* a fault in the runner itself: die of it */
        return;
    }
    static const int order[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                  REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
    for (int r = 0; r < 16; r++) out_state.gpr[r] = (uint64_t) g[order[r]];
    out_state.rflags = (uint64_t) g[REG_EFL];
    out_vector = sig == SIGALRM ? -2 : (int32_t) g[REG_TRAPNO];
    out_error = (uint32_t) g[REG_ERR];
    out_rip = (uint64_t) g[REG_RIP];
    g[REG_RIP] = (greg_t) (uintptr_t) fault_save;
    g[REG_RSP] = (greg_t) runner_rsp;
    g[REG_EFL] &= ~(greg_t) 0x40500; /* AC, DF, TF */
}

static void map_fixed(unsigned long addr, int prot) {
    void *p = mmap((void *) addr, PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p != (void *) addr) die("cannot map the sandbox pages at their fixed addresses");
}

static int read_full(void *buf, size_t n) {
    return n == 0 || fread(buf, 1, n, stdin) == n;
}

static void write_full(const void *buf, size_t n) {
    if (n != 0 && fwrite(buf, 1, n, stdout) != n) die("write failed");
}

static void setup(void) {
    map_fixed(CODE_ADDR, PROT_READ | PROT_WRITE | PROT_EXEC);
    map_fixed(DATA_ADDR, PROT_READ | PROT_WRITE);
    map_fixed(STACK_ADDR, PROT_READ | PROT_WRITE);
    static uint8_t alt[1 << 16] __attribute__((aligned(16)));
    stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0};
    if (sigaltstack(&ss, NULL) != 0) die("sigaltstack failed");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER | SA_RESTART; /* the tick must not break a blocking read */
    int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGALRM};
    for (unsigned k = 0; k < sizeof sigs / sizeof sigs[0]; k++) {
        if (sigaction(sigs[k], &sa, NULL) != 0) die("sigaction failed");
    }
    struct itimerval tick = {{1, 0}, {1, 0}};
    if (setitimer(ITIMER_REAL, &tick, NULL) != 0) die("setitimer failed");
    static uint8_t probe[512] __attribute__((aligned(16)));
    __asm__ volatile("fxsave64 %0" : "=m"(probe));
    memcpy(&mxcsr_mask, probe + 28, 4);
    if (mxcsr_mask == 0) mxcsr_mask = 0xFFBF; /* SDM vol. 1 §11.6.6: zero means the default mask */
}

int main(void) {
    setup();
    static char inbuf[1 << 20], outbuf[1 << 20];
    setvbuf(stdin, inbuf, _IOFBF, sizeof inbuf);
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    uint8_t *code = (uint8_t *) CODE_ADDR, *data = (uint8_t *) DATA_ADDR;
    uint32_t header[2];
    while (read_full(header, sizeof header)) {
        uint32_t code_len = header[0], data_len = header[1];
        if (code_len == 0xFFFFFFFFu) {
            fflush(stdout);
            continue;
        }
        if (code_len > MAX_CODE || data_len > PAGE) die("case too large");
        memset(code, 0xF4, PAGE);
        if (!read_full(code, code_len) || !read_full(in_state.fx, sizeof in_state.fx)
            || !read_full(in_state.gpr, sizeof in_state.gpr) || !read_full(&in_state.rflags, 8)) {
            die("truncated case");
        }
        memset(data, 0, PAGE);
        memset((void *) STACK_ADDR, 0, PAGE);
        if (!read_full(data, data_len)) die("truncated case data");
        code[code_len] = 0xFF; /* jmp [rip+0] */
        code[code_len + 1] = 0x25;
        memset(code + code_len + 2, 0, 4);
        uint64_t exit_address = (uint64_t) (uintptr_t) case_exit;
        memcpy(code + code_len + 6, &exit_address, 8);
        in_state.rflags = (in_state.rflags & RFLAGS_LOADED) | 2;
        uint32_t mxcsr;
        memcpy(&mxcsr, in_state.fx + 24, 4);
        if ((mxcsr & ~mxcsr_mask) != 0) {
            out_vector = -3;
            out_error = 0;
            out_rip = CODE_ADDR;
            memcpy(&out_state, &in_state, sizeof out_state);
        } else {
            out_vector = -1;
            out_error = 0;
            case_number++;
            in_guest = 1;
            case_enter();
            in_guest = 0;
            if (out_vector == -1) out_rip = CODE_ADDR + code_len;
        }
        int32_t vector = out_vector;
        uint32_t error = out_error;
        uint64_t rip = out_rip;
        write_full(&vector, 4);
        write_full(&error, 4);
        write_full(&rip, 8);
        write_full(out_state.fx, sizeof out_state.fx);
        write_full(out_state.gpr, sizeof out_state.gpr);
        write_full(&out_state.rflags, 8);
        write_full(data, data_len);
    }
    fflush(stdout);
    return 0;
}
