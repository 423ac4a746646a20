/*
 * string-io - INS and OUTS, with and without REP, forwards and backwards, in byte, word and
 * dword sizes, against devices whose reads are predictable: the 16550's scratch register
 * (0x3FF keeps the last byte written) and PCI configuration mechanism #1 (0xCF8 keeps the
 * address, 0xCFC reads the i440FX's vendor/device ID 8086:1237). A VMM sees one exit per
 * element, or one exit with a count (KVM's kvm_run.io.count); either way the guest must
 * observe the same memory and registers.
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 REP OUTSB did not leave its last byte in
 *   the scratch register; 4 REP INSB did not read it N times; 5 REP INSD from 0xCFC is not
 *   the ID N times; 6 REP INSW from 0xCFC is not the vendor ID; 7 INSB with DF=1 did not
 *   store downwards; 8 OUTSD to 0xCF8 did not set the address; 9 ECX/ESI/EDI after REP
 *   are wrong.
 */
    .include "pc.inc"
    .include "multiboot.inc"

    MULTIBOOT_HEADER

.equ SCRATCH,        COM1 + 7
.equ CONFIG_ADDRESS, 0xcf8
.equ CONFIG_DATA,    0xcfc
.equ HOST_BRIDGE_ID, 0x12378086

.macro FAIL code
    mov $\code, %ebx
    jmp fail
.endm

    MULTIBOOT_ENTRY string-io

    /* REP OUTSB: five bytes into the scratch register; the last one stays. */
    mov $bytes_out, %esi
    mov $SCRATCH, %dx
    mov $5, %ecx
    rep outsb
    cmp $bytes_out + 5, %esi
    jne 9f
    test %ecx, %ecx
    jne 9f
    inb %dx, %al
    cmp $0x55, %al
    je 1f
    FAIL 3
1:
    /* REP INSB: eight reads of it. */
    mov $buffer, %edi
    mov $8, %ecx
    rep insb
    cmp $buffer + 8, %edi
    jne 9f
    mov $buffer, %esi
    mov $8, %ecx
2:  lodsb
    cmp $0x55, %al
    jne 3f
    loop 2b
    jmp 4f
3:  FAIL 4
4:
    /* REP INSD from CONFIG_DATA with CONFIG_ADDRESS = 00:00.0 register 0. */
    mov $0x80000000, %eax
    mov $CONFIG_ADDRESS, %dx
    outl %eax, %dx
    mov $CONFIG_DATA, %dx
    mov $buffer, %edi
    mov $4, %ecx
    rep insl
    mov $buffer, %esi
    mov $4, %ecx
5:  lodsl
    cmp $HOST_BRIDGE_ID, %eax
    jne 6f
    loop 5b
    jmp 7f
6:  FAIL 5
7:
    /* REP INSW: 16-bit reads of 0xCFC give the vendor ID. */
    mov $buffer, %edi
    mov $3, %ecx
    rep insw
    cmpw $0x8086, buffer
    jne 8f
    cmpw $0x8086, buffer + 4
    je 10f
8:  FAIL 6
9:  FAIL 9
10:
    /* INSB with DF=1: stores at EDI, EDI-1, EDI-2. */
    movl $0, buffer
    movl $0, buffer + 4
    mov $SCRATCH, %dx
    mov $0xc3, %al
    outb %al, %dx
    std
    mov $buffer + 6, %edi
    mov $3, %ecx
    rep insb
    cld
    cmp $buffer + 3, %edi
    jne 9b
    cmpl $0xc3c3c300, buffer + 3        /* bytes 3..6: 00 C3 C3 C3 */
    je 11f
    FAIL 7
11:
    /* OUTSD to CONFIG_ADDRESS, read back with IN. */
    mov $config_address_value, %esi
    mov $CONFIG_ADDRESS, %dx
    outsl
    inl %dx, %eax
    cmp config_address_value, %eax
    je 12f
    FAIL 8
12:
    mov $ok_message, %esi
    call serial_puts
    PC_EXIT $0

fail:
    cld
    mov $fail_message, %esi
    call serial_puts
    PC_EXIT %ebx

    PC_SERIAL_FUNCTIONS

    .section .rodata
bytes_out:
    .byte 0x11, 0x22, 0x33, 0x44, 0x55
    .balign 4
config_address_value:
    .long 0x80000808                    /* 00:01.0 register 8: any enabled address will do */
ok_message:
    .asciz "string-io: REP OUTS/INS in byte, word and dword sizes, both directions, OK\n"
fail_message:
    .asciz "string-io: a check failed, see the exit code\n"

    .bss
    .balign 16
buffer:
    .skip 64
