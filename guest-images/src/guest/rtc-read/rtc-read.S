/*
 * rtc-read - reads the date and time from the MC146818 RTC in CMOS and prints them as
 * "rtc-read: YYYY-MM-DD hh:mm:ss". It reads as OSes do (MC146818A datasheet, "Update Cycle"):
 * wait for register A's UIP bit to clear, read every field, and repeat until two consecutive
 * reads agree, so an update in between cannot tear the value. Register B says whether the
 * fields are BCD or binary and 12- or 24-hour; the century comes from CMOS byte 0x32 (the
 * IBM PC/AT convention, named by the ACPI FADT "CENTURY" field).
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 UIP never cleared; 4 two reads never
 *   agreed; 5 register D's VRT bit (valid RAM and time) is clear; 6 a field is out of range.
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"

    MULTIBOOT_HEADER

.equ CMOS_INDEX,    0x70
.equ CMOS_DATA,     0x71
.equ RTC_REG_A,     0x0a
.equ RTC_REG_B,     0x0b
.equ RTC_REG_D,     0x0d
.equ REG_A_UIP,     0x80                /* update in progress */
.equ REG_B_24H,     0x02
.equ REG_B_BINARY,  0x04                /* DM: 1 = binary, 0 = BCD */
.equ REG_D_VRT,     0x80
.equ HOUR_PM,       0x80                /* in 12-hour mode */
.equ FIELDS,        7                   /* second, minute, hour, day, month, year, century */
.equ F_SECOND, 0
.equ F_MINUTE, 1
.equ F_HOUR,   2
.equ F_DAY,    3
.equ F_MONTH,  4
.equ F_YEAR,   5
.equ F_CENTURY, 6

.macro FAIL code, message
    mov $\message, %esi
    call serial_puts
    PC_EXIT $\code
.endm

    MULTIBOOT_ENTRY rtc-read

    mov $RTC_REG_D, %al
    call cmos_read
    test $REG_D_VRT, %al
    jnz 1f
    FAIL 5, invalid_message
1:
    mov $100, %ebp                      /* attempts at two agreeing reads */
2:  mov $first, %edi
    call read_fields
    mov $second, %edi
    call read_fields
    mov $first, %esi
    mov $second, %edi
    mov $FIELDS, %ecx
    repe cmpsb
    je 3f
    dec %ebp
    jnz 2b
    FAIL 4, torn_message
3:
    call normalise
    call validate

    mov $prefix, %esi
    call serial_puts
    movzbl first + F_CENTURY, %eax
    call put_2digits
    movzbl first + F_YEAR, %eax
    call put_2digits
    mov $'-', %al
    call serial_putc
    movzbl first + F_MONTH, %eax
    call put_2digits
    mov $'-', %al
    call serial_putc
    movzbl first + F_DAY, %eax
    call put_2digits
    mov $' ', %al
    call serial_putc
    movzbl first + F_HOUR, %eax
    call put_2digits
    mov $':', %al
    call serial_putc
    movzbl first + F_MINUTE, %eax
    call put_2digits
    mov $':', %al
    call serial_putc
    movzbl first + F_SECOND, %eax
    call put_2digits
    mov $'\n', %al
    call serial_putc
    PC_EXIT $0

/* AL = CMOS register index -> AL = its value. Clobbers nothing else. */
cmos_read:
    outb %al, $CMOS_INDEX
    inb $CMOS_DATA, %al
    ret

/* Waits for UIP to clear, then copies the raw fields to EDI[0..FIELDS). */
read_fields:
    mov $1000000, %ecx
1:  mov $RTC_REG_A, %al
    call cmos_read
    test $REG_A_UIP, %al
    jz 2f
    loop 1b
    FAIL 3, uip_message
2:  xor %ecx, %ecx
3:  movb field_registers(%ecx), %al
    call cmos_read
    movb %al, (%edi, %ecx)
    inc %ecx
    cmp $FIELDS, %ecx
    jne 3b
    ret

/* Converts the fields in `first` to binary, 24-hour values, following register B. */
normalise:
    mov $RTC_REG_B, %al
    call cmos_read
    mov %al, %bl                        /* BL = register B */
    movb first + F_HOUR, %bh
    and $HOUR_PM, %bh                   /* BH = PM flag (12-hour mode only) */
    test $REG_B_24H, %bl
    jnz 1f
    andb $~HOUR_PM, first + F_HOUR
1:  test $REG_B_BINARY, %bl
    jnz 3f
    xor %ecx, %ecx                      /* BCD -> binary: high digit * 10 + low digit */
2:  movzbl first(%ecx), %eax
    mov %eax, %edx
    shr $4, %eax
    imul $10, %eax
    and $0x0f, %edx
    add %edx, %eax
    movb %al, first(%ecx)
    inc %ecx
    cmp $FIELDS, %ecx
    jne 2b
3:  test $REG_B_24H, %bl
    jnz 5f
    movzbl first + F_HOUR, %eax         /* 12-hour: 12 AM is 0, 12 PM is 12, 1 PM is 13 */
    cmp $12, %eax
    jne 4f
    xor %eax, %eax
4:  test %bh, %bh
    jz 6f
    add $12, %eax
6:  movb %al, first + F_HOUR
5:  ret

/* Exits 6 unless every field is in its calendar range. */
validate:
    xor %ecx, %ecx
1:  movzbl first(%ecx), %eax
    cmpb field_minimum(%ecx), %al
    jb 2f
    cmpb field_maximum(%ecx), %al
    ja 2f
    inc %ecx
    cmp $FIELDS, %ecx
    jne 1b
    ret
2:  FAIL 6, range_message

/* Prints EAX (0..99) as two decimal digits. */
put_2digits:
    push %eax
    mov $10, %dl
    div %dl                             /* AL = tens, AH = units (AX < 100) */
    add $'0', %al
    push %eax
    call serial_putc
    pop %eax
    mov %ah, %al
    add $'0', %al
    call serial_putc
    pop %eax
    ret

    PC_SERIAL_FUNCTIONS
    PM32_FUNCTIONS

    .section .rodata
field_registers:                        /* CMOS index of each field */
    .byte 0x00, 0x02, 0x04, 0x07, 0x08, 0x09, 0x32
field_minimum:
    .byte 0, 0, 0, 1, 1, 0, 19
field_maximum:
    .byte 59, 59, 23, 31, 12, 99, 21
prefix:
    .asciz "rtc-read: "
uip_message:
    .asciz "rtc-read: register A's UIP bit never cleared\n"
torn_message:
    .asciz "rtc-read: two consecutive reads never agreed\n"
invalid_message:
    .asciz "rtc-read: register D says the time is not valid (VRT clear)\n"
range_message:
    .asciz "rtc-read: a date/time field is out of range\n"

    .bss
first:
    .skip FIELDS
second:
    .skip FIELDS
