/*
 * pci-hostbridge - reads the host bridge at 00:00.0 through PCI configuration mechanism #1
 * (PCI Local Bus Specification 3.0, 3.2.2.3.2): write 0x80000000 | bus << 16 | device << 11 |
 * function << 8 | register to CONFIG_ADDRESS (0xCF8, 32-bit), then access CONFIG_DATA
 * (0xCFC-0xCFF, any width; the low two address bits pick the byte). Prints
 * "pci-hostbridge: 00:00.0 vvvv:dddd class cc:ss" - on a PC with an i440FX (QEMU's "pc"
 * machine) vendor:device is 8086:1237, class 06:00 (bridge, host bridge).
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 CONFIG_ADDRESS does not read back;
 *   4 vendor:device is not 8086:1237; 5 class is not 06:00; 6 a 16-bit read of CONFIG_DATA+2
 *   does not give the device ID; 7 an absent device (00:1f.0) does not read as all ones.
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"

    MULTIBOOT_HEADER

.equ CONFIG_ADDRESS, 0xcf8
.equ CONFIG_DATA,    0xcfc
.equ CONFIG_ENABLE,  0x80000000
.equ REG_ID,         0x00               /* device ID << 16 | vendor ID */
.equ REG_CLASS,      0x08               /* class << 24 | subclass << 16 | prog-if << 8 | revision */
.equ I440FX_ID,      0x12378086
.equ ABSENT_DEVICE,  0x1f               /* nothing sits in slot 31 of QEMU's pc machine */

.macro FAIL code, message
    mov $\message, %esi
    call serial_puts
    PC_EXIT $\code
.endm

    MULTIBOOT_ENTRY pci-hostbridge

    mov $CONFIG_ENABLE | REG_ID, %eax
    mov $CONFIG_ADDRESS, %dx
    outl %eax, %dx
    inl %dx, %eax
    cmp $CONFIG_ENABLE | REG_ID, %eax
    je 1f
    FAIL 3, address_message
1:
    mov $CONFIG_ENABLE | REG_ID, %eax
    call config_read32
    mov %eax, %ebx                      /* EBX = device << 16 | vendor */
    mov $CONFIG_ENABLE | REG_CLASS, %eax
    call config_read32
    mov %eax, %ebp                      /* EBP = class code register */

    mov $prefix, %esi
    call serial_puts
    movzwl %bx, %eax
    call put_hex16
    mov $':', %al
    call serial_putc
    mov %ebx, %eax
    shr $16, %eax
    call put_hex16
    mov $class_text, %esi
    call serial_puts
    mov %ebp, %eax
    shr $24, %eax
    call put_hex8
    mov $':', %al
    call serial_putc
    mov %ebp, %eax
    shr $16, %eax
    call put_hex8
    mov $'\n', %al
    call serial_putc

    cmp $I440FX_ID, %ebx
    je 2f
    FAIL 4, id_message
2:  shr $16, %ebp
    cmp $0x0600, %ebp
    je 3f
    FAIL 5, class_message
3:
    /* A 16-bit read at CONFIG_DATA + 2 returns bytes 2-3 of the addressed dword. */
    mov $CONFIG_ENABLE | REG_ID, %eax
    mov $CONFIG_ADDRESS, %dx
    outl %eax, %dx
    mov $CONFIG_DATA + 2, %dx
    inw %dx, %ax
    shr $16, %ebx
    cmp %bx, %ax
    je 4f
    FAIL 6, word_message
4:
    /* No device answers: the host bridge ends the cycle with all ones (master abort). */
    mov $CONFIG_ENABLE | (ABSENT_DEVICE << 11) | REG_ID, %eax
    call config_read32
    cmp $0xffffffff, %eax
    je 5f
    FAIL 7, absent_message
5:
    PC_EXIT $0

/* EAX = CONFIG_ADDRESS value -> EAX = the 32-bit register. Clobbers DX. */
config_read32:
    mov $CONFIG_ADDRESS, %dx
    outl %eax, %dx
    mov $CONFIG_DATA, %dx
    inl %dx, %eax
    ret

/* Print the low 16 / 8 bits of EAX in hex. */
put_hex16:
    pusha
    shl $16, %eax
    mov $4, %ecx
    jmp put_hex_digits
put_hex8:
    pusha
    shl $24, %eax
    mov $2, %ecx
put_hex_digits:                         /* EAX = digits left-aligned, ECX = count */
    mov %eax, %ebx
1:  rol $4, %ebx
    mov %ebx, %eax
    and $0xf, %eax
    movb pm32_hex_digits(%eax), %al
    call serial_putc
    loop 1b
    popa
    ret

    PC_SERIAL_FUNCTIONS
    PM32_FUNCTIONS

    .section .rodata
prefix:
    .asciz "pci-hostbridge: 00:00.0 "
class_text:
    .asciz " class "
address_message:
    .asciz "pci-hostbridge: CONFIG_ADDRESS (0xCF8) does not read back what was written\n"
id_message:
    .asciz "pci-hostbridge: expected an i440FX host bridge, 8086:1237\n"
class_message:
    .asciz "pci-hostbridge: expected class 06:00 (host bridge)\n"
word_message:
    .asciz "pci-hostbridge: a 16-bit read of 0xCFE is not the device ID\n"
absent_message:
    .asciz "pci-hostbridge: an absent device did not read as 0xFFFFFFFF\n"
