/*
 * paging32 - PAE paging in 32-bit protected mode (Intel SDM Vol. 3A, 4.4 "PAE Paging"): page
 * faults with their error codes and CR2, CR0.WP, accessed and dirty bits on 2 MiB and 4 KiB
 * pages, an alias mapping, INVLPG and the TLB flush of a CR3 reload. The catching machinery
 * is include/trap32.inc.
 *
 * Address space (virtual = physical unless noted):
 *   PDPT[0] -> PD0: 2 MiB pages for the first GiB, except
 *     PD0[2]  4-6 MiB   a 2 MiB page without R/W (read-only), A and D clear
 *     PD0[3]  6-8 MiB   a page table of 4 KiB pages: 0x600000 plain with A and D clear,
 *                       0x601000 not present
 *   PDPT[1] -> PD1[0] -> a page table whose entry 0 maps 0x40000000 to physical 0x600000
 *   PDPT[2], PDPT[3] not present
 *
 * Prints one line per check ("paging32: <name>: ok", with vector and error code for faults).
 *
 * Not checked: a reserved bit in an entry. SDM 4.7 says the error code then has RSVD and P
 * set (0x9, as Linux oopses show on hardware); QEMU 7.2 TCG, the oracle, reports 0x8.
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 an exception outside any test;
 *   otherwise 6 * check number (+ 1-5 for faults, see trap32.inc).
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"
    .include "trap32.inc"

    MULTIBOOT_HEADER

.equ CR0_WP,          1 << 16
.equ CR0_PG,          1 << 31
.equ CR4_PAE,         1 << 5
.equ PTE_P,           1 << 0
.equ PTE_RW,          1 << 1
.equ PTE_A,           1 << 5            /* accessed */
.equ PTE_D,           1 << 6            /* dirty */
.equ PDE_PS,          1 << 7
.equ PTE_RW_P,        PTE_P | PTE_RW
.equ READ_ONLY_PAGE,  0x00400000        /* PD0[2] */
.equ SMALL_PAGES,     0x00600000        /* PD0[3]: 4 KiB pages from here */
.equ ABSENT_PAGE,     SMALL_PAGES + 0x1000
.equ OTHER_PAGE,      SMALL_PAGES + 0x3000
.equ ALIAS,           0x40000000        /* maps to SMALL_PAGES, later OTHER_PAGE */
.equ UNMAPPED,        0x80000000        /* PDPT[2] is not present */

    MULTIBOOT_ENTRY paging32
    call pm32_load_gdt
    call trap32_install
    call build_tables
    mov %cr4, %eax
    or $CR4_PAE, %eax
    mov %eax, %cr4
    mov $pdpt, %eax                     /* PAE loads the four PDPTEs from here at MOV CR3 */
    mov %eax, %cr3
    mov %cr0, %eax
    or $CR0_PG | CR0_WP, %eax
    mov %eax, %cr0

    BEGIN_TEST 1                        /* not-present PDPTE, write: P=0 W=1 */
fault_1:
    movl $1, UNMAPPED
    END_TEST 1, "#PF write to unmapped page", 14, 0x2, fault_1, UNMAPPED

    BEGIN_TEST 2                        /* not-present PDPTE, read: 0 */
fault_2:
    mov UNMAPPED+0x40000010, %eax
    END_TEST 2, "#PF read of unmapped page", 14, 0x0, fault_2, (UNMAPPED+0x40000010)

    BEGIN_TEST 3                        /* not-present PTE under a present PDE */
fault_3:
    mov ABSENT_PAGE+0x234, %eax
    END_TEST 3, "#PF read of not-present 4 KiB page", 14, 0x0, fault_3, (ABSENT_PAGE+0x234)

    BEGIN_TEST 4                        /* CR0.WP=1: supervisor write to a read-only page: P=1 W=1 */
fault_4:
    movl $1, READ_ONLY_PAGE+0x1234
    END_TEST 4, "#PF write to read-only page with CR0.WP=1", 14, 0x3, fault_4, (READ_ONLY_PAGE+0x1234)

    /* 5. The read-only 2 MiB page: untouched so far except by the faulting write, which
     * may set A (SDM 4.8: A is set on any access that walked to the entry) but never D. */
    mov pd0 + 2 * 8, %eax
    test $PTE_D, %eax
    CHECK_EQUAL 5, "D clear after a faulting write"

    /* 6-7. CR0.WP=0: supervisor writes ignore R/W (SDM 4.6.1), and set A and D. */
    mov %cr0, %eax
    and $~CR0_WP, %eax
    mov %eax, %cr0
    movl $0x5eed5eed, READ_ONLY_PAGE + 0x1234
    mov READ_ONLY_PAGE + 0x1234, %eax
    cmp $0x5eed5eed, %eax
    CHECK_EQUAL 6, "write to read-only page with CR0.WP=0"
    mov pd0 + 2 * 8, %eax
    and $PTE_A | PTE_D, %eax
    cmp $PTE_A | PTE_D, %eax
    CHECK_EQUAL 7, "A and D set on the 2 MiB page"
    mov %cr0, %eax
    or $CR0_WP, %eax
    mov %eax, %cr0

    /* 8-9. A 4 KiB page: a read sets A (in the PTE and its PDE) but not D; a write sets D. */
    mov SMALL_PAGES + 0x10, %eax
    mov page_table + 0 * 8, %eax
    and $PTE_A | PTE_D, %eax
    cmp $PTE_A, %eax
    CHECK_EQUAL 8, "read sets A, not D, on a 4 KiB page"
    movl $0xcafebabe, SMALL_PAGES + 0x10
    mov page_table + 0 * 8, %eax
    and $PTE_A | PTE_D, %eax
    mov pd0 + 3 * 8, %edx
    and $PTE_A, %edx
    or %edx, %eax
    cmp $PTE_A | PTE_D, %eax
    CHECK_EQUAL 9, "write sets D; the PDE has A"

    /* 10. The alias sees the same physical page. */
    mov ALIAS + 0x10, %eax
    cmp $0xcafebabe, %eax
    CHECK_EQUAL 10, "alias at 0x40000000 reads the page at 6 MiB"

    /* 11. Remap the alias to another page: after INVLPG the new mapping is used. */
    movl $0x12345678, OTHER_PAGE + 0x10
    movl $OTHER_PAGE + PTE_RW_P, alias_table
    invlpg ALIAS
    mov ALIAS + 0x10, %eax
    cmp $0x12345678, %eax
    CHECK_EQUAL 11, "INVLPG makes a remapped alias take effect"

    /* 12. Map it back: a CR3 reload flushes the (non-global) TLB entries too. */
    movl $SMALL_PAGES + PTE_RW_P, alias_table
    mov %cr3, %eax
    mov %eax, %cr3
    mov ALIAS + 0x10, %eax
    cmp $0xcafebabe, %eax
    CHECK_EQUAL 12, "CR3 reload makes the old mapping come back"

    mov $all_ok_message, %esi
    call serial_puts
    PC_EXIT $0

build_tables:
    xor %ecx, %ecx                      /* PD0: 512 x 2 MiB identity */
1:  mov %ecx, %eax
    shl $21, %eax
    or $PTE_RW_P | PDE_PS | PTE_A | PTE_D, %eax
    mov %eax, pd0(, %ecx, 8)
    inc %ecx
    cmp $512, %ecx
    jne 1b
    movl $READ_ONLY_PAGE + PTE_P + PDE_PS, pd0 + 2 * 8      /* no R/W, A, D */
    movl $page_table + PTE_RW_P, pd0 + 3 * 8                /* A clear */
    xor %ecx, %ecx                      /* page table: 512 x 4 KiB identity from 6 MiB */
2:  mov %ecx, %eax
    shl $12, %eax
    add $SMALL_PAGES + PTE_RW_P, %eax
    mov %eax, page_table(, %ecx, 8)
    inc %ecx
    cmp $512, %ecx
    jne 2b
    movl $0, page_table + 1 * 8                             /* ABSENT_PAGE */
    movl $page_table_alias + PTE_RW_P, pd1
    movl $SMALL_PAGES + PTE_RW_P, alias_table
    movl $pd0 + PTE_P, pdpt             /* PDPTEs: P and the address only (SDM 4.4.1) */
    movl $pd1 + PTE_P, pdpt + 8
    ret

    PC_SERIAL_FUNCTIONS
    PM32_FUNCTIONS
    TRAP32_FUNCTIONS paging32

    .section .rodata
all_ok_message:
    .asciz "paging32: all 12 checks passed\n"

    .bss
    .balign 4096
pd0:
    .skip 4096
pd1:
    .skip 4096
page_table:
    .skip 4096
page_table_alias:
alias_table:
    .skip 4096
pdpt:
    .skip 32
