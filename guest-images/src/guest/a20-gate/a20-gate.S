/*
 * a20-gate - the A20 gate, the PC's 8086 wraparound emulation: with A20 masked, physical
 * address bit 20 reads as 0, so 0x180000 aliases 0x080000. Toggles it both ways a PC can:
 * System Control Port A (port 0x92, bit 1; the "fast A20" of PS/2 machines) and the i8042
 * keyboard controller's output port (commands 0xD1 write / 0xD0 read, bit 1), and checks the
 * aliasing with memory writes each time. Linked at 2 MiB, where bit 20 is clear, so its own
 * code, data and stack are unaffected by the gate.
 *
 * KVM has no A20 gate (memory never aliases), so on a /dev/kvm engine this guest is expected
 * to exit 5.
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 memory aliases at entry (multiboot enters
 *   with A20 on); 4 port 0x92 bit 1 clear at entry; 5 no aliasing after clearing port 0x92
 *   bit 1; 6 port 0x92 does not read back bit 1 clear; 7 still aliasing after setting it
 *   again; 8 no aliasing after the i8042 output port cleared A20; 9 the i8042 output port
 *   does not read back A20 clear; 10 still aliasing after the i8042 set A20 again;
 *   11 the i8042 never became ready.
 */
    .include "pc.inc"
    .include "multiboot.inc"

    MULTIBOOT_HEADER

.equ LOW,             0x080000
.equ HIGH,            LOW + 0x100000    /* differs from LOW in address bit 20 only */
.equ PORT_A,          0x92
.equ PORT_A_A20,      0x02              /* bit 0 would reset the machine: never set it */
.equ I8042_DATA,      0x60
.equ I8042_STATUS,    0x64              /* read: status; write: command */
.equ I8042_COMMAND,   0x64
.equ STATUS_OUT_FULL, 0x01
.equ STATUS_IN_FULL,  0x02
.equ CMD_READ_OUTPUT, 0xd0
.equ CMD_WRITE_OUTPUT, 0xd1
.equ OUTPUT_A20_OFF,  0xdd              /* bit 0 = 1: not in reset; bit 1 = A20 */
.equ OUTPUT_A20_ON,   0xdf

.macro FAIL code, message
    mov $\message, %esi
    call serial_puts
    PC_EXIT $\code
.endm

    MULTIBOOT_ENTRY a20-gate

    call aliases
    jnc 1f
    FAIL 3, entry_alias_message
1:  inb $PORT_A, %al
    test $PORT_A_A20, %al
    jnz 2f
    FAIL 4, entry_port_message
2:
    /* System Control Port A. */
    inb $PORT_A, %al
    and $~(PORT_A_A20 | 0x01), %al
    outb %al, $PORT_A
    call aliases
    jc 3f
    FAIL 5, port_off_message
3:  inb $PORT_A, %al
    test $PORT_A_A20, %al
    jz 4f
    FAIL 6, port_readback_message
4:  inb $PORT_A, %al
    and $~0x01, %al
    or $PORT_A_A20, %al
    outb %al, $PORT_A
    call aliases
    jnc 5f
    FAIL 7, port_on_message
5:
    /* The i8042 output port. */
    mov $CMD_WRITE_OUTPUT, %al
    call i8042_command
    mov $OUTPUT_A20_OFF, %al
    call i8042_write_data
    call aliases
    jc 6f
    FAIL 8, kbc_off_message
6:  mov $CMD_READ_OUTPUT, %al
    call i8042_command
    call i8042_read_data
    test $0x02, %al
    jz 7f
    FAIL 9, kbc_readback_message
7:  mov $CMD_WRITE_OUTPUT, %al
    call i8042_command
    mov $OUTPUT_A20_ON, %al
    call i8042_write_data
    call aliases
    jnc 8f
    FAIL 10, kbc_on_message
8:
    mov $ok_message, %esi
    call serial_puts
    PC_EXIT $0

/* CF=1 if LOW and HIGH are the same memory: write different values, read LOW back. */
aliases:
    movl $0x11111111, LOW
    movl $0x22222222, HIGH
    cmpl $0x22222222, LOW               /* ZF=1: the write to HIGH landed on LOW */
    clc
    jne 1f
    stc
1:  ret

/* Waits until the controller's input buffer is empty, then sends AL as a command / data. */
i8042_command:
    mov %al, %ah
    call i8042_wait_input_empty
    mov %ah, %al
    outb %al, $I8042_COMMAND
    ret
i8042_write_data:
    mov %al, %ah
    call i8042_wait_input_empty
    mov %ah, %al
    outb %al, $I8042_DATA
    call i8042_wait_input_empty         /* the controller has taken it */
    ret
i8042_wait_input_empty:                 /* preserves AH */
    mov $1000000, %ecx
1:  inb $I8042_STATUS, %al
    test $STATUS_IN_FULL, %al
    jz 2f
    loop 1b
    FAIL 11, kbc_stuck_message
2:  ret
/* Waits for a byte in the output buffer and returns it in AL. */
i8042_read_data:
    mov $1000000, %ecx
1:  inb $I8042_STATUS, %al
    test $STATUS_OUT_FULL, %al
    jnz 2f
    loop 1b
    FAIL 11, kbc_stuck_message
2:  inb $I8042_DATA, %al
    ret

    PC_SERIAL_FUNCTIONS

    .section .rodata
ok_message:
    .asciz "a20-gate: port 0x92 and i8042 output port both mask and unmask address bit 20\n"
entry_alias_message:
    .asciz "a20-gate: memory aliases at 1 MiB on entry (A20 masked)\n"
entry_port_message:
    .asciz "a20-gate: port 0x92 reports A20 masked on entry\n"
port_off_message:
    .asciz "a20-gate: clearing port 0x92 bit 1 did not mask A20\n"
port_readback_message:
    .asciz "a20-gate: port 0x92 does not read back bit 1 clear\n"
port_on_message:
    .asciz "a20-gate: setting port 0x92 bit 1 did not unmask A20\n"
kbc_off_message:
    .asciz "a20-gate: the i8042 output port did not mask A20\n"
kbc_readback_message:
    .asciz "a20-gate: the i8042 output port does not read back A20 clear\n"
kbc_on_message:
    .asciz "a20-gate: the i8042 output port did not unmask A20\n"
kbc_stuck_message:
    .asciz "a20-gate: the i8042 never became ready\n"
