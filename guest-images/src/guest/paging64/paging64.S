/*
 * paging64 - 4-level paging in long mode (Intel SDM Vol. 3A, 4.5): the guest builds its own
 * PML4 (replacing the loader's) and checks page faults with their error codes and 64-bit CR2,
 * CR0.WP, the execute-disable bit (EFER.NXE), accessed and dirty bits at every level, an alias
 * mapping at 512 GiB, INVLPG and the TLB flush of a CR3 reload. Machinery: include/trap64.inc.
 *
 * Address space (virtual = physical unless noted):
 *   PML4[0] -> PDPT[0..3] -> 4 page directories of 2 MiB pages: the first 4 GiB, except
 *     PD0[3] (6-8 MiB) -> a page table of 4 KiB pages: 0x600000 plain with A and D clear,
 *       0x601000 not present, 0x602000 read-only, 0x603000 execute-disable, 0x604000 plain
 *   PML4[1] -> ... -> a page table whose entry 0 maps 0x8000000000 (512 GiB) to 0x600000
 *   PML4[2..511] not present (1 TiB and up)
 *
 * Exit codes: 0 success; 3 an exception outside any test; 4 CPUID reports no execute-disable;
 *   otherwise 6 * check number (+ 1-5 for faults, see trap64.inc).
 */
    .include "pc.inc"
    .include "trap64.inc"

.equ PTE_P,          1 << 0
.equ PTE_RW,         1 << 1
.equ PTE_A,          1 << 5
.equ PTE_D,          1 << 6
.equ PDE_PS,         1 << 7
.equ PTE_RW_P,       PTE_P | PTE_RW
.equ CR0_WP,         1 << 16
.equ MSR_EFER,       0xc0000080
.equ EFER_NXE,       1 << 11
.equ SMALL_PAGES,    0x600000
.equ ABSENT_PAGE,    SMALL_PAGES + 0x1000
.equ READ_ONLY_PAGE, SMALL_PAGES + 0x2000
.equ NO_EXEC_PAGE,   SMALL_PAGES + 0x3000
.equ OTHER_PAGE,     SMALL_PAGES + 0x4000
.equ ALIAS,          0x8000000000       /* PML4 entry 1 */
.equ UNMAPPED,       0x10000000000      /* PML4 entry 2: not present */

    .code64
    .text
    .globl _start
_start:
    cli
    lea stack_top(%rip), %rsp
    cld
    call serial_init
    call trap64_install

    mov $0x80000001, %eax               /* execute-disable available? CPUID 0x80000001 EDX.NX */
    cpuid
    bt $20, %edx
    jc 1f
    lea no_nx_message(%rip), %rsi
    call serial_puts
    PC_EXIT $4
1:  mov $MSR_EFER, %ecx
    rdmsr
    or $EFER_NXE, %eax
    wrmsr
    call build_tables
    mov $pml4, %eax
    mov %rax, %cr3                      /* our tables from here on */
    mov %cr0, %rax
    or $CR0_WP, %rax
    mov %rax, %cr0
    movb $0xc3, NO_EXEC_PAGE            /* RET, never to run */

    BEGIN_TEST 1                        /* a not-present PML4 entry: CR2 needs all 64 bits */
    movabs $UNMAPPED + 0x28, %rbx
fault_1:
    mov (%rbx), %rax
    END_TEST 1, "#PF read at 1 TiB (PML4 entry absent)", 14, 0x0, fault_1, (UNMAPPED+0x28)

    BEGIN_TEST 2
fault_2:
    movq $1, ABSENT_PAGE + 0x30
    END_TEST 2, "#PF write to a not-present 4 KiB page", 14, 0x2, fault_2, (ABSENT_PAGE+0x30)

    BEGIN_TEST 3
fault_3:
    movq $1, READ_ONLY_PAGE + 0x40
    END_TEST 3, "#PF write to read-only page with CR0.WP=1", 14, 0x3, fault_3, (READ_ONLY_PAGE+0x40)

    BEGIN_TEST 4                        /* fetch from an XD page: P=1, I/D=1; RIP = the target */
    mov $NO_EXEC_PAGE, %eax
    jmp *%rax
    END_TEST 4, "#PF fetch from execute-disable page", 14, 0x11, NO_EXEC_PAGE, NO_EXEC_PAGE

    mov page_table + 2 * 8, %rax        /* 5. the faulting write set no D bit */
    test $PTE_D, %rax
    CHECK_EQUAL 5, "D clear after a faulting write"

    mov %cr0, %rax                      /* 6. CR0.WP=0: supervisor writes ignore R/W */
    and $~CR0_WP, %rax
    mov %rax, %cr0
    movq $0x5eed, READ_ONLY_PAGE + 0x40
    cmpq $0x5eed, READ_ONLY_PAGE + 0x40
    CHECK_EQUAL 6, "write to read-only page with CR0.WP=0"
    mov %cr0, %rax
    or $CR0_WP, %rax
    mov %rax, %cr0

    mov SMALL_PAGES + 0x10, %rax        /* 7. a read sets the PTE's A (walks set the others), not D */
    mov page_table, %rax
    and $PTE_A | PTE_D, %eax
    mov pd0 + 3 * 8, %rdx
    and $PTE_A, %edx
    or %edx, %eax
    mov pdpt0, %rdx
    and $PTE_A, %edx
    or %edx, %eax
    mov pml4, %rdx
    and $PTE_A, %edx
    or %edx, %eax
    cmp $PTE_A, %eax
    CHECK_EQUAL 7, "A set in PTE (by the read), PDE, PDPTE, PML4E; D clear"

    movq $0x1afebabe, SMALL_PAGES + 0x10        /* 8. a write sets D */
    mov page_table, %rax
    and $PTE_D, %eax
    cmp $PTE_D, %eax
    CHECK_EQUAL 8, "write sets D"

    movabs $ALIAS + 0x10, %rbx          /* 9. the alias reads the same physical page */
    cmpq $0x1afebabe, (%rbx)
    CHECK_EQUAL 9, "alias at 512 GiB reads the page at 6 MiB"

    movq $0x12345678, OTHER_PAGE + 0x10 /* 10. remap the alias, INVLPG */
    movq $OTHER_PAGE + PTE_RW_P, alias_page_table
    invlpg (%rbx)
    cmpq $0x12345678, (%rbx)
    CHECK_EQUAL 10, "INVLPG makes a remapped alias take effect"

    movq $SMALL_PAGES + PTE_RW_P, alias_page_table      /* 11. map back, reload CR3 */
    mov %cr3, %rax
    mov %rax, %cr3
    cmpq $0x1afebabe, (%rbx)
    CHECK_EQUAL 11, "CR3 reload makes the old mapping come back"

    lea all_ok_message(%rip), %rsi
    call serial_puts
    PC_EXIT $0

build_tables:
    movq $pdpt0 + PTE_RW_P, pml4
    movq $pdpt1 + PTE_RW_P, pml4 + 8
    xor %ecx, %ecx                      /* PDPT0[0..3] -> pd0..pd3 */
1:  mov %ecx, %eax
    shl $12, %eax
    add $pd0 + PTE_RW_P, %eax
    mov %rax, pdpt0(, %rcx, 8)
    inc %ecx
    cmp $4, %ecx
    jne 1b
    xor %ecx, %ecx                      /* 2048 x 2 MiB identity, A and D preset */
2:  mov %rcx, %rax
    shl $21, %rax
    or $PTE_RW_P | PDE_PS | PTE_A | PTE_D, %rax
    mov %rax, pd0(, %rcx, 8)
    inc %ecx
    cmp $2048, %ecx
    jne 2b
    movq $page_table + PTE_RW_P, pd0 + 3 * 8            /* 6-8 MiB in 4 KiB pages, A clear */
    xor %ecx, %ecx
3:  mov %rcx, %rax
    shl $12, %rax
    add $SMALL_PAGES + PTE_RW_P, %rax
    mov %rax, page_table(, %rcx, 8)
    inc %ecx
    cmp $512, %ecx
    jne 3b
    movq $0, page_table + 1 * 8                         /* ABSENT_PAGE */
    movq $READ_ONLY_PAGE + PTE_P, page_table + 2 * 8    /* no R/W */
    btsq $63, page_table + 3 * 8                        /* NO_EXEC_PAGE: XD */
    movq $alias_pd + PTE_RW_P, pdpt1
    movq $alias_page_directory_entry, %rax
    mov %rax, alias_pd
    movq $SMALL_PAGES + PTE_RW_P, alias_page_table
    ret
.equ alias_page_directory_entry, alias_page_table + PTE_RW_P

    PC_SERIAL_FUNCTIONS
    TRAP64_FUNCTIONS paging64

    .section .rodata
no_nx_message:
    .asciz "paging64: CPUID reports no execute-disable bit\n"
all_ok_message:
    .asciz "paging64: all 11 checks passed\n"

    .bss
    .balign 4096
pml4:
    .skip 4096
pdpt0:
    .skip 4096
pdpt1:
    .skip 4096
pd0:                                    /* pd0..pd3, contiguous */
    .skip 4 * 4096
alias_pd:
    .skip 4096
alias_page_table:
    .skip 4096
page_table:
    .skip 4096
    .balign 16
    .skip 8192
stack_top:
