/*
 * start32.S - multiboot entry of the freestanding C guests: stack, COM1, magic check (exit 2),
 * then kernel_main(); its return value goes to isa-debug-exit. Assembled with
 * --defsym ENABLE_FPU=1 for kernels that use the x87, and with --defsym BOOT_CMDLINE=1 for
 * kernels that read the command line (boot_cmdline, see console.h).
 */
    .include "pc.inc"
    .include "multiboot.inc"

    MULTIBOOT_HEADER
    MULTIBOOT_ENTRY kernel
.ifdef BOOT_CMDLINE
    /* The multiboot info's cmdline field (offset 16) is valid when flags bit 2 is set. */
    xor %eax, %eax
    testl $(1 << 2), (%ebx)
    jz 1f
    mov 16(%ebx), %eax
1:  mov %eax, boot_cmdline
.endif
.ifdef ENABLE_FPU
    /* x87 on (Intel SDM Vol. 3A, 10.2.2): EM=0 so FPU instructions execute, MP=1 so WAIT
     * honours TS, NE=1 for native #MF error reporting; FNINIT gives control word 0x37F, the
     * state a Linux process (the native oracle) starts with. */
    mov %cr0, %eax
    and $~(1 << 2), %eax
    or $(1 << 1) | (1 << 5), %eax
    mov %eax, %cr0
    fninit
.endif
    call kernel_main
    PC_EXIT %eax

    PC_SERIAL_FUNCTIONS

.ifdef BOOT_CMDLINE
    .bss
    .balign 4
    .globl boot_cmdline
boot_cmdline:                           /* const char *: the command line, or null */
    .long 0
.endif
