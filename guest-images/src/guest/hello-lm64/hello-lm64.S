/*
 * hello-lm64 - a multiboot v1 ELF32 kernel that switches itself to 64-bit long mode and
 * prints on COM1 from 64-bit code.
 *
 * The switch follows Intel SDM Vol. 3A, 10.8.5 "Initializing IA-32e Mode": with paging off,
 * enable PAE (CR4.PAE), point CR3 at a 4-level PML4, set IA32_EFER.LME, then set CR0.PG; the
 * CPU is then in compatibility mode (EFER.LMA=1) until a far jump loads a code segment whose
 * descriptor has L=1. The page tables identity-map the first 1 GiB with 2 MiB pages
 * (PDE.PS=1), which covers this kernel, its stack and the tables themselves.
 *
 * Exit codes: 0 success; 2 if EAX did not hold the multiboot loader magic;
 *             3 if CPUID reports no long mode (CPUID 0x80000001 EDX bit 29).
 */
    .include "pc.inc"
    .include "multiboot.inc"

    MULTIBOOT_HEADER

.equ CR0_PG,       1 << 31
.equ CR4_PAE,      1 << 5
.equ MSR_EFER,     0xc0000080
.equ EFER_LME,     1 << 8
.equ PTE_PRESENT,  1 << 0
.equ PTE_WRITE,    1 << 1
.equ PDE_LARGE,    1 << 7                      /* PS: this PDE maps a 2 MiB page */

.equ SEL_CODE32,   0x08
.equ SEL_DATA,     0x10
.equ SEL_CODE64,   0x18

    .code32
    .text
    .globl _start
_start:
    mov $stack_top, %esp
    cld
    mov %eax, %ebx                              /* serial_* clobber EAX */
    call serial_init
    cmp $MULTIBOOT_BOOTLOADER_MAGIC, %ebx
    jne bad_magic

    /* Our own GDT: multiboot says the loader's GDTR may be invalid. */
    lgdt gdt_descriptor
    ljmp $SEL_CODE32, $reload_segments
reload_segments:
    mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %fs
    mov %ax, %gs
    mov %ax, %ss

    mov $0x80000000, %eax                       /* does the CPU have long mode at all? */
    cpuid
    cmp $0x80000001, %eax
    jb no_long_mode
    mov $0x80000001, %eax
    cpuid
    bt $29, %edx
    jnc no_long_mode

    /* PML4[0] -> PDPT, PDPT[0] -> PD, PD[i] -> 2 MiB page i. The tables live in .bss, so the
     * loader zeroed them; only the present entries need writing. */
    mov $pdpt + PTE_PRESENT + PTE_WRITE, %eax
    mov %eax, pml4
    mov $pd + PTE_PRESENT + PTE_WRITE, %eax
    mov %eax, pdpt
    xor %ecx, %ecx
fill_pd:
    mov %ecx, %eax
    shl $21, %eax                               /* physical base = i * 2 MiB */
    or $PTE_PRESENT + PTE_WRITE + PDE_LARGE, %eax
    mov %eax, pd(, %ecx, 8)                     /* low dword; the high dword stays 0 */
    inc %ecx
    cmp $512, %ecx
    jne fill_pd

    mov %cr4, %eax
    or $CR4_PAE, %eax
    mov %eax, %cr4
    mov $pml4, %eax
    mov %eax, %cr3
    mov $MSR_EFER, %ecx
    rdmsr
    or $EFER_LME, %eax
    wrmsr
    mov %cr0, %eax
    or $CR0_PG, %eax                            /* PE is already set: now IA-32e mode */
    mov %eax, %cr0
    ljmp $SEL_CODE64, $long_mode

bad_magic:
    mov $bad_magic_message, %esi
    call serial_puts
    PC_EXIT $2

no_long_mode:
    mov $no_long_mode_message, %esi
    call serial_puts
    PC_EXIT $3

    /* The serial helpers encode to the same bytes in 32-bit and 64-bit mode (no operand
     * wider than 32 bits, no stack access besides CALL/RET), so both modes share one copy. */
    PC_SERIAL_FUNCTIONS

    .code64
long_mode:
    /* 64-bit mode ignores the bases and limits of DS/ES/SS, but a null SS is only allowed
     * at CPL 0 in 64-bit mode; the data selector loaded above stays valid. */
    /* This object is ELF32: a 32-bit absolute address is all it can relocate, and a write
     * to a 32-bit register zero-extends into the 64-bit one (SDM Vol. 1, 3.4.1.1). */
    mov $stack_top, %esp
    mov $message, %esi
    call serial_puts
    PC_EXIT $0

    .section .rodata
    .balign 8
gdt:
    .quad 0                                     /* null descriptor */
    .quad 0x00cf9a000000ffff                    /* 0x08: 32-bit code, base 0, 4 GiB, DPL 0 */
    .quad 0x00cf92000000ffff                    /* 0x10: data, base 0, 4 GiB, writable */
    .quad 0x00af9a000000ffff                    /* 0x18: 64-bit code (L=1, D=0) */
gdt_end:
gdt_descriptor:
    .word gdt_end - gdt - 1
    .long gdt

message:
    .asciz "Hello from 64-bit long mode!\n"
bad_magic_message:
    .asciz "hello-lm64: EAX is not the multiboot magic 0x2BADB002\n"
no_long_mode_message:
    .asciz "hello-lm64: CPUID reports no long mode\n"

    .bss
    .balign 4096
pml4:
    .skip 4096
pdpt:
    .skip 4096
pd:
    .skip 4096
    .balign 16
    .skip 4096
stack_top:
