/*
 * elf64-boot - not a guest but a shim that lets QEMU run jvmm's ELF64 guests: a multiboot
 * ELF32 kernel, linked at 8 MiB, that takes an ELF64 image as its first multiboot module and
 * boots it the way jvmm's ELF64 loader does (vmm-core Elf64Loader):
 *
 *   qemu-system-x86_64 ... -kernel elf64-boot.elf -initrd hello-elf64.elf
 *
 * It copies the PT_LOAD segments to their physical addresses and zeroes their .bss, identity-
 * maps the first 4 GiB with 2 MiB pages (PML4 -> PDPT -> 4 page directories), loads a GDT with
 * a 64-bit code segment at 0x10 and a flat data segment at 0x18, enables PAE, EFER.LME and
 * paging (Intel SDM Vol. 3A, 10.8.5), and jumps to the ELF entry in 64-bit mode with RSP =
 * 0x9F000, RDI = the multiboot command line (QEMU's: the kernel's file name, a space and the
 * -append text; empty without one), copied into the shim first, interrupts off.
 *
 * Exit codes (only if it cannot start the module): 2 bad multiboot magic; 3 no module;
 *   4 the module is not an x86-64 ELF executable; 5 a segment overlaps this shim or the module,
 *   or lies above 4 GiB; 6 the CPU has no long mode.
 */
    .include "pc.inc"
    .include "multiboot.inc"

    MULTIBOOT_HEADER

.equ MBI_FLAGS,      0
.equ MBI_CMDLINE,    16
.equ MBI_FLAG_CMDLINE, 1 << 2
.equ MBI_MODS_COUNT, 20
.equ MBI_MODS_ADDR,  24
.equ MBI_FLAG_MODS,  1 << 3
.equ MOD_START,      0
.equ MOD_END,        4

.equ ELF_CLASS,      4
.equ ELF_ENTRY,      24                 /* ELF64 header offsets */
.equ ELF_PHOFF,      32
.equ ELF_MACHINE,    18
.equ ELF_PHENTSIZE,  54
.equ ELF_PHNUM,      56
.equ PH_TYPE,        0                  /* ELF64 program header offsets */
.equ PH_OFFSET,      8
.equ PH_PADDR,       24
.equ PH_FILESZ,      32
.equ PH_MEMSZ,       40
.equ PT_LOAD,        1
.equ EM_X86_64,      0x3e

.equ CR0_PG,         1 << 31
.equ CR4_PAE,        1 << 5
.equ MSR_EFER,       0xc0000080
.equ EFER_LME,       1 << 8
.equ PAGE_RW_P,      0x3
.equ PDE_LARGE,      0x80

.equ SEL_CODE64,     0x10               /* the selectors jvmm's loaders use */
.equ SEL_DATA,       0x18
.equ STACK_TOP,      0x9f000            /* jvmm's initial RSP for ELF64 */

.macro FAIL code, message
    mov $\message, %esi
    call serial_puts
    PC_EXIT $\code
.endm

    MULTIBOOT_ENTRY elf64-boot

    /* The command line, at most COMMAND_LINE_MAX - 1 bytes, into command_line (zeroed .bss). */
    testl $MBI_FLAG_CMDLINE, MBI_FLAGS(%ebx)
    jz 2f
    mov MBI_CMDLINE(%ebx), %esi
    mov $command_line, %edi
    mov $COMMAND_LINE_MAX - 1, %ecx
1:  lodsb
    test %al, %al
    jz 2f
    stosb
    loop 1b
2:
    testl $MBI_FLAG_MODS, MBI_FLAGS(%ebx)
    jz 1f
    cmpl $0, MBI_MODS_COUNT(%ebx)
    jne 2f
1:  FAIL 3, no_module_message
2:  mov MBI_MODS_ADDR(%ebx), %eax
    mov MOD_START(%eax), %esi           /* ESI = the ELF64 image */
    mov MOD_END(%eax), %eax
    mov %eax, module_end
    mov %esi, module_start

    cmpl $0x464c457f, (%esi)            /* "\x7fELF" */
    jne 3f
    cmpb $2, ELF_CLASS(%esi)            /* ELFCLASS64 */
    jne 3f
    cmpw $EM_X86_64, ELF_MACHINE(%esi)
    jne 3f
    cmpl $0, ELF_ENTRY + 4(%esi)
    jne 3f
    cmpl $0, ELF_PHOFF + 4(%esi)
    je 4f
3:  FAIL 4, not_elf64_message
4:
    /* Load every PT_LOAD segment: EDI = next program header, ECX = headers left. */
    mov ELF_PHOFF(%esi), %edi
    add %esi, %edi
    movzwl ELF_PHNUM(%esi), %ecx
5:  test %ecx, %ecx
    jz 8f
    cmpl $PT_LOAD, PH_TYPE(%edi)
    jne 7f
    call load_segment
7:  movzwl ELF_PHENTSIZE(%esi), %eax
    add %eax, %edi
    dec %ecx
    jmp 5b
8:
    mov $0x80000000, %eax               /* long mode available? (CPUID 0x80000001 EDX.LM) */
    cpuid
    cmp $0x80000001, %eax
    jb 9f
    mov $0x80000001, %eax
    cpuid
    bt $29, %edx
    jc 10f
9:  FAIL 6, no_long_mode_message
10:
    mov module_start, %esi
    mov ELF_ENTRY(%esi), %eax
    mov %eax, entry
    call build_page_tables
    lgdt gdt_descriptor
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
    or $CR0_PG, %eax
    mov %eax, %cr0
    ljmp $SEL_CODE64, $long_mode

/* Copies the segment whose program header is at EDI (module at ESI); exits 5 if it would land
 * on this shim, on the module, or above 4 GiB. Preserves ECX, ESI, EDI. */
load_segment:
    push %ecx
    push %esi
    push %edi
    cmpl $0, PH_PADDR + 4(%edi)
    jne 2f
    cmpl $0, PH_MEMSZ + 4(%edi)
    jne 2f
    mov PH_PADDR(%edi), %edx            /* EDX = start, EBX = end (exclusive) */
    mov PH_MEMSZ(%edi), %ebx
    add %edx, %ebx
    jc 2f
    cmp $__image_end, %edx                 /* overlap with [__image_start, __image_end), from multiboot.ld? */
    jae 1f
    cmp $__image_start, %ebx
    ja 2f
1:  cmp module_end, %edx                /* overlap with the module? */
    jae 3f
    cmp module_start, %ebx
    ja 2f
3:  mov PH_OFFSET(%edi), %eax
    add %esi, %eax                      /* source */
    mov PH_FILESZ(%edi), %ecx
    mov PH_MEMSZ(%edi), %ebx
    sub %ecx, %ebx                      /* EBX = bytes of .bss */
    mov %eax, %esi
    mov %edx, %edi
    rep movsb
    mov %ebx, %ecx
    xor %eax, %eax
    rep stosb
    pop %edi
    pop %esi
    pop %ecx
    ret
2:  FAIL 5, overlap_message

/* PML4[0] -> PDPT; PDPT[0..3] -> four page directories of 512 x 2 MiB = 4 GiB identity. */
build_page_tables:
    mov $pdpt + PAGE_RW_P, %eax
    mov %eax, pml4
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $12, %eax
    add $page_directories + PAGE_RW_P, %eax
    mov %eax, pdpt(, %ecx, 8)
    inc %ecx
    cmp $4, %ecx
    jne 1b
    xor %ecx, %ecx                      /* ECX = 2 MiB page number, 0..2047 */
2:  mov %ecx, %eax
    shl $21, %eax                       /* low 32 bits of the address */
    or $PAGE_RW_P | PDE_LARGE, %eax
    mov %eax, page_directories(, %ecx, 8)
    movl $0, page_directories + 4(, %ecx, 8)    /* all four GiB are below 2^32 */
    inc %ecx
    cmp $2048, %ecx
    jne 2b
    ret

    PC_SERIAL_FUNCTIONS

    .code64
long_mode:
    mov $SEL_DATA, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %fs
    mov %eax, %gs
    mov %eax, %ss
    mov $STACK_TOP, %esp                /* zero-extends into RSP */
    mov $command_line, %edi
    mov $entry, %ebx                    /* an ELF32 object relocates 32-bit absolutes only */
    mov (%rbx), %eax
    jmp *%rax

    .section .rodata
    .balign 8
gdt:
    .quad 0
    .quad 0
    .quad 0x00af9b000000ffff            /* 0x10: 64-bit code (L=1), as jvmm's Elf64Loader */
    .quad 0x00cf93000000ffff            /* 0x18: flat data */
gdt_end:
    .balign 4
    .word 0
gdt_descriptor:
    .word gdt_end - gdt - 1
    .long gdt
no_module_message:
    .asciz "elf64-boot: no multiboot module; pass the ELF64 guest with -initrd\n"
not_elf64_message:
    .asciz "elf64-boot: the module is not an x86-64 ELF below 4 GiB\n"
overlap_message:
    .asciz "elf64-boot: a segment overlaps the shim or the module, or lies above 4 GiB\n"
no_long_mode_message:
    .asciz "elf64-boot: CPUID reports no long mode\n"

    .bss
    .equ COMMAND_LINE_MAX, 256
command_line:
    .skip COMMAND_LINE_MAX
    .balign 4096
pml4:
    .skip 4096
pdpt:
    .skip 4096
page_directories:
    .skip 4 * 4096
module_start:
    .skip 4
module_end:
    .skip 4
entry:
    .skip 4
