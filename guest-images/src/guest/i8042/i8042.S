/*
 * i8042 - the PC keyboard controller and the keyboard behind it, polled (no IRQ 1): controller
 * self-test (0xAA -> 0x55), keyboard interface test (0xAB -> 0x00), command byte write (0x60)
 * and read back (0x20), keyboard ECHO (0xEE -> 0xEE) and RESET (0xFF -> ACK 0xFA, then BAT
 * passed 0xAA), sent through the data port. Every reply is awaited by polling status bit 0
 * (output buffer full) with a bound; every command waits for bit 1 (input buffer full) to clear.
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 the controller never became ready; 4 no reply
 *   in time; 5 self-test reply not 0x55; 6 interface test reply not 0x00; 7 command byte did not
 *   read back; 8 ECHO reply not 0xEE; 9 RESET not answered with 0xFA then 0xAA.
 */
    .include "pc.inc"
    .include "multiboot.inc"

    MULTIBOOT_HEADER

.equ DATA,            0x60
.equ STATUS,          0x64              /* read */
.equ COMMAND,         0x64              /* write */
.equ STATUS_OUT_FULL, 0x01
.equ STATUS_IN_FULL,  0x02
.equ CMD_READ_BYTE,   0x20
.equ CMD_WRITE_BYTE,  0x60
.equ CMD_SELF_TEST,   0xaa
.equ CMD_KBD_TEST,    0xab
.equ CMD_KBD_DISABLE, 0xad
.equ CMD_KBD_ENABLE,  0xae
.equ KBD_ECHO,        0xee
.equ KBD_RESET,       0xff
.equ COMMAND_BYTE,    0x44              /* translation on, system flag, no interrupts, ports on */

.macro EXPECT_REPLY value, code
    call read_reply
    cmp $\value, %al
    je 1f
    PC_EXIT $\code
1:
.endm

    MULTIBOOT_ENTRY i8042

    mov $CMD_KBD_DISABLE, %al           /* quiet the keyboard, then drop stale bytes */
    call send_command
    call drain

    mov $CMD_SELF_TEST, %al
    call send_command
    EXPECT_REPLY 0x55, 5
    mov $CMD_KBD_TEST, %al
    call send_command
    EXPECT_REPLY 0x00, 6

    mov $CMD_WRITE_BYTE, %al
    call send_command
    mov $COMMAND_BYTE, %al
    call send_data
    mov $CMD_READ_BYTE, %al
    call send_command
    EXPECT_REPLY COMMAND_BYTE, 7

    mov $CMD_KBD_ENABLE, %al
    call send_command
    mov $KBD_ECHO, %al                  /* bytes written to the data port go to the keyboard */
    call send_data
    EXPECT_REPLY 0xee, 8
    mov $KBD_RESET, %al
    call send_data
    EXPECT_REPLY 0xfa, 9                /* ACK */
    EXPECT_REPLY 0xaa, 9                /* basic assurance test passed */

    mov $ok_message, %esi
    call serial_puts
    PC_EXIT $0

/* Waits until the controller takes input (status bit 1 clear); exits 3 after the bound. */
wait_input_empty:
    mov $1000000, %ecx
1:  inb $STATUS, %al
    test $STATUS_IN_FULL, %al
    jz 2f
    loop 1b
    PC_EXIT $3
2:  ret

send_command:                           /* AL = controller command */
    mov %al, %ah
    call wait_input_empty
    mov %ah, %al
    outb %al, $COMMAND
    ret

send_data:                              /* AL = byte for the data port */
    mov %al, %ah
    call wait_input_empty
    mov %ah, %al
    outb %al, $DATA
    ret

/* AL = the next byte from the output buffer; exits 4 if none comes. */
read_reply:
    mov $10000000, %ecx
1:  inb $STATUS, %al
    test $STATUS_OUT_FULL, %al
    jnz 2f
    loop 1b
    PC_EXIT $4
2:  inb $DATA, %al
    ret

/* Reads and drops whatever is in the output buffer. */
drain:
    mov $64, %ecx
1:  inb $STATUS, %al
    test $STATUS_OUT_FULL, %al
    jz 2f
    inb $DATA, %al
    loop 1b
2:  ret

    PC_SERIAL_FUNCTIONS

    .section .rodata
ok_message:
    .asciz "i8042: self-test 0x55, interface test 0x00, command byte read back, keyboard ECHO and RESET (0xFA 0xAA) OK\n"
