/*
 * ring3-32: protected-mode privilege round trip for PrivilegeTest (entered at 0x10000 in 32-bit
 * ring 0 with flat segments; the test builds GDT, IDT and TSS). IRET to ring 3, INT 0x80 through a
 * DPL-3 trap gate (stack switch to TSS.ESP0), IRET back, then CLI at CPL 3 -> #GP(0).
 * A far CALL through a DPL-3 call gate copies one parameter to the ring-0 stack and LRET 4
 * returns outward. Results are stored at 0x5000 for the test to check.
 * Build: as --32 ring3-32.S -o r.o && ld -m elf_i386 -Ttext=0x10000 --oformat=binary r.o -o ring3-32.bin
 */
    .code32
    .globl _start
_start:
    mov $0x28, %ax
    ltr %ax
    push $0x1b              /* user SS */
    push $0x7000            /* user ESP */
    pushf
    push $0x23              /* user CS */
    push $user
    iret
user:
    mov $0x1b, %ax
    mov %ax, %ds
    mov $0x1234, %eax
    int $0x80
    mov %eax, 0x5014        /* handler returned EAX + 1 */
    mov %esp, 0x5018        /* back on the user stack */
    push $0xabcd            /* one parameter for the call gate to copy */
    lcall $0x30, $0         /* call gate (DPL 3) to ring-0 code */
    mov %esp, 0x5020        /* LRET 4 released the parameter */
cli_here:
    cli                     /* CPL 3 > IOPL 0: #GP(0) */
    jmp .

handler_80:
    mov %esp, 0x5000
    mov 4(%esp), %ebx
    mov %ebx, 0x5004        /* saved CS */
    mov 12(%esp), %ebx
    mov %ebx, 0x5008        /* saved ESP */
    inc %eax
    iret

gate_handler:
    mov %esp, 0x5024
    mov 8(%esp), %ebx
    mov %ebx, 0x5028        /* the copied parameter */
    mov 4(%esp), %ebx
    mov %ebx, 0x502c        /* saved CS */
    mov %cs, %ebx
    mov %ebx, 0x5030
    lret $4                 /* far return to the outer privilege level */

handler_gp:
    mov (%esp), %ebx
    mov %ebx, 0x500c        /* error code */
    mov 4(%esp), %ebx
    mov %ebx, 0x5010        /* faulting EIP */
    mov $cli_here, %ebx
    mov %ebx, 0x501c
    hlt

    .org 0x100
    .long handler_80
    .long handler_gp
    .long gate_handler
