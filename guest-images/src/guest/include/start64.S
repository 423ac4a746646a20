/*
 * start64.S - entry of the freestanding C guests built as ELF64: entered in 64-bit long mode
 * (jvmm's ELF64 convention, see hello-elf64.S); sets its own stack, initialises COM1, calls
 * kernel_main() and writes its return value to isa-debug-exit. Assembled with
 * --defsym ENABLE_FPU=1 for kernels that use the x87 or SSE, and with --defsym BOOT_CMDLINE=1
 * for kernels that read the command line (RDI on entry, kept in boot_cmdline, see console.h).
 */
    .include "pc.inc"

    .code64
    .text
    .globl _start
_start:
    cli
.ifdef BOOT_CMDLINE
    mov %rdi, boot_cmdline(%rip)        /* the loader's NUL-terminated command line */
.endif
    lea stack_top(%rip), %rsp
    cld
    call serial_init
.ifdef ENABLE_FPU
    /* x87 and SSE on (Intel SDM Vol. 3A, 10.6 / 13.1.3): CR0.EM=0, MP=1, NE=1; CR4.OSFXSR and
     * OSXMMEXCPT; then the control words a Linux process (the native oracle) starts with:
     * FNINIT's 0x37F and MXCSR 0x1F80 (all exceptions masked, round to nearest). */
    mov %cr0, %rax
    and $~(1 << 2), %rax
    or $(1 << 1) | (1 << 5), %rax
    mov %rax, %cr0
    mov %cr4, %rax
    or $(1 << 9) | (1 << 10), %rax
    mov %rax, %cr4
    fninit
    ldmxcsr mxcsr_default(%rip)
.endif
    call kernel_main
    PC_EXIT %eax

    PC_SERIAL_FUNCTIONS

.ifdef ENABLE_FPU
    .section .rodata
    .balign 4
mxcsr_default:
    .long 0x1f80
.endif

    .bss
.ifdef BOOT_CMDLINE
    .balign 8
    .globl boot_cmdline
boot_cmdline:                           /* const char *: the command line, or null */
    .quad 0
.endif
    .balign 16
    .skip 16384
stack_top:
