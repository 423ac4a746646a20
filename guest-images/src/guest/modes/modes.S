/*
 * modes - every x86 operating mode there and back, printing one line from code running in
 * each: real mode -> 16-bit protected mode -> 32-bit protected mode -> IA-32e 64-bit mode
 * (PAE 4-level paging, EFER.LME, CR0.PG; SDM Vol. 3A, 10.8.5) -> compatibility mode (a 32-bit
 * code segment while EFER.LMA=1) -> leaving IA-32e mode from compatibility mode as SDM
 * 10.8.5.4 says (CR0.PG=0, which clears EFER.LMA, then EFER.LME=0) -> 32-bit protected mode
 * -> 16-bit protected mode (segments with 64 KiB limits, as 10.9.2 asks before leaving) ->
 * real mode (CR0.PE=0 and a far jump that reloads CS, SDM 10.9.2). IF stays 0 throughout.
 *
 * A boot sector plus one more sector, loaded like real16: jvmm's REAL_MODE_FLAT loader takes
 * the whole image at 0x7C00; a BIOS loads only the first 512 bytes, so the boot sector reads
 * the rest with INT 13h AH=42h when the second stage's magic is not at 0x7E00. The page
 * tables (identity map of the first 1 GiB with 2 MiB pages) are built at 0x1000-0x3FFF.
 *
 * Exit codes: 0 success; 3 second stage not loaded; 4 wrong CS in 16-bit protected mode;
 *   5 wrong CS or EFER.LMA set in 32-bit protected mode; 6 CPUID reports no long mode;
 *   7 wrong CS or EFER.LMA clear in 64-bit mode; 8 wrong CS or EFER.LMA clear in
 *   compatibility mode; 9 EFER.LMA still set after CR0.PG=0; 10 wrong CS, EFER.LME set or
 *   CR0.PG set back in 32-bit protected mode; 11 wrong CS in 16-bit protected mode again;
 *   12 CR0.PE set, CS not 0 or EFER.LME/LMA set back in real mode.
 */
    .include "pc.inc"

.equ STAGE2_MAGIC, 0x53444f4d           /* "MODS" */

.equ CR0_PE,       1 << 0
.equ CR0_PG,       1 << 31
.equ CR4_PAE,      1 << 5
.equ MSR_EFER,     0xc0000080
.equ EFER_LME,     1 << 8
.equ EFER_LMA,     1 << 10
.equ PTE_PRESENT,  1 << 0
.equ PTE_WRITE,    1 << 1
.equ PDE_LARGE,    1 << 7

.equ PML4,         0x1000
.equ PDPT,         0x2000
.equ PD,           0x3000

.equ SEL_CODE16,   0x08
.equ SEL_DATA16,   0x10
.equ SEL_CODE32,   0x18
.equ SEL_DATA32,   0x20
.equ SEL_CODE64,   0x28

    .code16
    .section .text
    .globl _start
_start:
    ljmp $0, $start0
start0:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $0x7c00, %sp
    cld
    mov %dl, boot_drive                 /* serial_init clobbers DX */
    call rm_serial_init
    cmpl $STAGE2_MAGIC, stage2_magic
    je stage2
    /* Only the boot sector is here: read the rest with the BIOS (EDD, INT 13h AH=42h). */
    mov $disk_address_packet, %si
    mov $0x42, %ah
    mov boot_drive, %dl
    int $0x13
    cli                                 /* whatever the BIOS did, IF stays 0 */
    jc 1f
    cmpl $STAGE2_MAGIC, stage2_magic
    je stage2
1:  mov $load_failed_message, %si
    call rm_serial_puts
    PC_EXIT $3

    /* 16-bit encodings: used in real mode and in 16-bit protected mode (DS base 0). */
    PC_SERIAL_FUNCTIONS rm_

    .balign 4
disk_address_packet:
    .byte 16, 0                         /* size, reserved */
    .word STAGE2_SECTORS                /* sectors to read */
    .word 0x7e00, 0                     /* buffer offset, segment */
    .quad 1                             /* first LBA: the sector after this one */
boot_drive:
    .byte 0
load_failed_message:
    .asciz "modes: could not load the second stage\n"

    .org 510
    .byte 0x55, 0xaa

/* ---- second stage, at 0x7E00 ---- */
stage2_magic:
    .long STAGE2_MAGIC
stage2:
    mov $real_message, %si
    call rm_serial_puts

    lgdtl gdt_descriptor
    mov %cr0, %eax
    or $CR0_PE, %eax
    mov %eax, %cr0
    ljmp $SEL_CODE16, $pm16             /* 16-bit code segment: still 16-bit code */

pm16:
    mov $SEL_DATA16, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov %cs, %ax
    cmp $SEL_CODE16, %ax
    je 1f
    PC_EXIT $4
1:  mov $pm16_message, %si
    call rm_serial_puts
    ljmpl $SEL_CODE32, $pm32            /* 32-bit offset: the target is 32-bit code */

    .code32
pm32:
    mov $SEL_DATA32, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %fs
    mov %ax, %gs
    mov %ax, %ss
    mov $0x7c00, %esp
    mov %cs, %ax
    cmp $SEL_CODE32, %ax
    jne 1f
    mov $MSR_EFER, %ecx
    rdmsr
    test $EFER_LMA, %eax
    jz 2f
1:  PC_EXIT $5
2:  mov $pm32_message, %esi
    call serial_puts

    mov $0x80000000, %eax               /* does the CPU have long mode at all? */
    cpuid
    cmp $0x80000001, %eax
    jb 1f
    mov $0x80000001, %eax
    cpuid
    bt $29, %edx
    jc 2f
1:  PC_EXIT $6

    /* PML4[0] -> PDPT, PDPT[0] -> PD, PD[i] -> 2 MiB page i (identity, first 1 GiB). */
2:  mov $PML4, %edi
    xor %eax, %eax
    mov $3 * 1024, %ecx
    rep stosl
    movl $PDPT + PTE_PRESENT + PTE_WRITE, PML4
    movl $PD + PTE_PRESENT + PTE_WRITE, PDPT
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $21, %eax
    or $PTE_PRESENT + PTE_WRITE + PDE_LARGE, %eax
    mov %eax, PD(, %ecx, 8)
    inc %ecx
    cmp $512, %ecx
    jne 1b

    mov %cr4, %eax
    or $CR4_PAE, %eax
    mov %eax, %cr4
    mov $PML4, %eax
    mov %eax, %cr3
    mov $MSR_EFER, %ecx
    rdmsr
    or $EFER_LME, %eax
    wrmsr
    mov %cr0, %eax
    or $CR0_PG, %eax                    /* now IA-32e mode, still 32-bit code (compatibility) */
    mov %eax, %cr0
    ljmp $SEL_CODE64, $lm64

    /* Same bytes in 32-bit, compatibility and 64-bit mode: one copy serves all three. */
    PC_SERIAL_FUNCTIONS

    .code64
lm64:
    mov $0x7c00, %esp                   /* zero-extends into RSP */
    mov %cs, %ax
    cmp $SEL_CODE64, %ax
    jne 1f
    mov $MSR_EFER, %ecx
    rdmsr
    test $EFER_LMA, %eax
    jnz 2f
1:  PC_EXIT $7
2:  mov $lm64_message, %esi
    call serial_puts
    /* To compatibility mode: a far return to the 32-bit code segment (no direct far JMP in
     * 64-bit mode). The ELF32 object relocates only 32-bit absolute addresses, which a MOV
     * to a 32-bit register takes. */
    pushq $SEL_CODE32
    mov $compat, %eax
    push %rax
    lretq

    .code32
compat:
    mov %cs, %ax
    cmp $SEL_CODE32, %ax
    jne 1f
    mov $MSR_EFER, %ecx
    rdmsr
    test $EFER_LMA, %eax
    jnz 2f
1:  PC_EXIT $8
2:  mov $compat_message, %esi
    call serial_puts

    /* SDM 10.8.5.4: from compatibility mode, CR0.PG=0 (the code is identity-mapped) leaves
     * IA-32e mode and clears EFER.LMA; then EFER.LME may be cleared. */
    mov %cr0, %eax
    and $~CR0_PG, %eax
    mov %eax, %cr0
    mov $MSR_EFER, %ecx
    rdmsr
    test $EFER_LMA, %eax
    jz 1f
    PC_EXIT $9
1:  and $~EFER_LME, %eax
    wrmsr
    mov %cr4, %eax
    and $~CR4_PAE, %eax
    mov %eax, %cr4

    mov %cs, %ax
    cmp $SEL_CODE32, %ax
    jne 1f
    mov $MSR_EFER, %ecx
    rdmsr
    test $EFER_LME + EFER_LMA, %eax
    jnz 1f
    mov %cr0, %eax
    test $CR0_PG, %eax
    jz 2f
1:  PC_EXIT $10
2:  mov $pm32_again_message, %esi
    call serial_puts
    ljmp $SEL_CODE16, $pm16_again

    .code16
pm16_again:
    /* SDM 10.9.2: segment registers get descriptors with a 64 KiB limit, byte granular,
     * expand-up and writable before CR0.PE is cleared. */
    mov $SEL_DATA16, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %fs
    mov %ax, %gs
    mov %ax, %ss
    mov $0x7c00, %sp
    mov %cs, %ax
    cmp $SEL_CODE16, %ax
    je 1f
    PC_EXIT $11
1:  mov $pm16_again_message, %si
    call rm_serial_puts

    mov %cr0, %eax
    and $~CR0_PE, %eax
    mov %eax, %cr0
    ljmp $0, $real_again               /* reloads CS with a real-mode segment */

real_again:
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %fs
    mov %ax, %gs
    mov %ax, %ss
    mov $0x7c00, %sp
    mov %cs, %ax
    test %ax, %ax
    jnz 1f
    mov %cr0, %eax
    test $CR0_PE, %eax
    jnz 1f
    mov $MSR_EFER, %ecx
    rdmsr
    test $EFER_LME + EFER_LMA, %eax
    jz 2f
1:  PC_EXIT $12
2:  mov $real_again_message, %si
    call rm_serial_puts
    PC_EXIT $0

    .balign 8
gdt:
    .quad 0                             /* null */
    .quad 0x00009a000000ffff            /* 0x08: 16-bit code, base 0, 64 KiB */
    .quad 0x000092000000ffff            /* 0x10: 16-bit data, base 0, 64 KiB, byte granular */
    .quad 0x00cf9a000000ffff            /* 0x18: 32-bit code, base 0, 4 GiB */
    .quad 0x00cf92000000ffff            /* 0x20: data, base 0, 4 GiB */
    .quad 0x00af9a000000ffff            /* 0x28: 64-bit code (L=1, D=0) */
gdt_end:
gdt_descriptor:
    .word gdt_end - gdt - 1
    .long gdt

real_message:
    .asciz "modes: 16-bit real mode\n"
pm16_message:
    .asciz "modes: 16-bit protected mode\n"
pm32_message:
    .asciz "modes: 32-bit protected mode\n"
lm64_message:
    .asciz "modes: 64-bit long mode\n"
compat_message:
    .asciz "modes: compatibility mode (32-bit code, EFER.LMA=1)\n"
pm32_again_message:
    .asciz "modes: long mode left, 32-bit protected mode\n"
pm16_again_message:
    .asciz "modes: 16-bit protected mode again\n"
real_again_message:
    .asciz "modes: back in real mode\n"

    .balign 512
.equ STAGE2_SECTORS, (. - stage2_magic) / 512
