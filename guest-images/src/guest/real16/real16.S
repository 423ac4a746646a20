/*
 * real16 - 16-bit real mode beyond "hello": addressing modes and their default segments,
 * real-mode interrupts through the IVT, far transfers, LOOP/JCXZ, the 16-bit stack
 * instructions, string instructions wrapping at 64 KiB, and "unreal mode" (a segment limit
 * raised in protected mode survives the return to real mode: Intel SDM Vol. 3A, 10.9.2 and the
 * hidden descriptor cache). Each family folds what it observed into an FNV-1a hash and prints
 * it; the expected lines are QEMU 7.2's.
 *
 * The image is bigger than a boot sector. Loaders that take the whole image at 0x7C00 (jvmm's
 * REAL_MODE_FLAT) leave the rest in place; a BIOS loads only the first 512 bytes, so the boot
 * sector looks for the second stage's magic at 0x7E00 and, if absent, reads the remaining
 * sectors with INT 13h AH=42h (EDD extended read) from the boot drive in DL.
 *
 * Exit codes: 0 success; 3 the second stage could not be loaded; 4 a real-mode exception
 *   handler saw a wrong saved IP; 5 unreal mode read back something else than it wrote.
 */
    .include "pc.inc"

.equ STAGE2_MAGIC, 0x32474b53           /* "SKG2" */
.equ HASH_BASIS,   2166136261
.equ FNV_PRIME,    16777619

    .code16
    .section .text
    .globl _start
_start:
    ljmp $0, $start0
start0:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $0x7c00, %sp
    cld
    mov %dl, boot_drive                 /* serial_init clobbers DX */
    call rm_serial_init
    cmpl $STAGE2_MAGIC, stage2_magic
    je stage2
    /* Only the boot sector is here: read the rest with the BIOS (EDD, INT 13h AH=42h). */
    mov $disk_address_packet, %si
    mov $0x42, %ah
    mov boot_drive, %dl
    int $0x13
    jc 1f
    cmpl $STAGE2_MAGIC, stage2_magic
    je stage2
1:  mov $load_failed_message, %si
    call rm_serial_puts
    PC_EXIT $3

    PC_SERIAL_FUNCTIONS rm_

    .balign 4
disk_address_packet:
    .byte 16, 0                         /* size, reserved */
    .word STAGE2_SECTORS                /* sectors to read */
    .word 0x7e00, 0                     /* buffer offset, segment */
    .quad 1                             /* first LBA: the sector after this one */
boot_drive:
    .byte 0
load_failed_message:
    .asciz "real16: could not load the second stage\n"

    .org 510
    .byte 0x55, 0xaa

/* ---- second stage, at 0x7E00 ---- */
stage2_magic:
    .long STAGE2_MAGIC
stage2:
    call family_addressing
    call family_interrupts
    call family_far
    call family_loop
    call family_stack
    call family_strings
    call family_unreal
    mov $all_done_message, %si
    call rm_serial_puts
    PC_EXIT $0

/* Hashing: hash = (hash ^ byte) * FNV_PRIME over every byte mixed. */
hash_reset:
    movl $HASH_BASIS, %cs:hash
    ret
mix_al:                                 /* preserves every register */
    pushl %eax
    movzbl %al, %eax
    xorl %eax, %cs:hash
    imull $FNV_PRIME, %cs:hash, %eax
    movl %eax, %cs:hash
    popl %eax
    ret
mix_ax:
    call mix_al
    xchg %al, %ah
    call mix_al
    xchg %al, %ah
    ret

/* Prints "real16: <name at SI> 0x<hash>\n". */
report:
    push %si
    mov $line_prefix, %si
    call rm_serial_puts
    pop %si
    call rm_serial_puts
    mov $hash_prefix, %si
    call rm_serial_puts
    movl %cs:hash, %ebx
    mov $8, %cx
1:  roll $4, %ebx
    mov %bl, %al
    and $0x0f, %al
    add $'0', %al
    cmp $'9', %al
    jbe 2f
    add $'a' - '0' - 10, %al
2:  call rm_serial_putc
    loop 1b
    mov $'\n', %al
    call rm_serial_putc
    ret

/* ---- addressing: every 16-bit ModRM form, default segments, overrides, 64 KiB wrap ---- */

/* Fills segment ES (64 KiB) with bytes that depend on the offset and on TAG in DL. */
fill_segment:
    xor %di, %di
1:  mov %di, %ax
    xor %ah, %al
    xor %dl, %al
    stosb
    test %di, %di
    jnz 1b
    ret

family_addressing:
    call hash_reset
    mov $0x1000, %ax                    /* DS-to-be: tag 0x11 */
    mov %ax, %es
    mov $0x11, %dl
    call fill_segment
    mov $0x2000, %ax                    /* ES-to-be: tag 0x22 */
    mov %ax, %es
    mov $0x22, %dl
    call fill_segment
    mov $0x3000, %ax                    /* SS-to-be: tag 0x33 */
    mov %ax, %es
    mov $0x33, %dl
    call fill_segment

    mov %sp, %cs:saved_sp
    mov $0x1000, %ax
    mov %ax, %ds
    mov $0x2000, %ax
    mov %ax, %es
    mov $0x3000, %ax
    mov %ax, %ss
    mov $0xfff0, %sp                    /* the words read below lie far from the stack */
    mov $0x1234, %bx
    mov $0x0102, %si
    mov $0x0304, %di
    mov $0x0506, %bp

    mov (%bx,%si), %ax                  /* DS:BX+SI */
    call mix_ax
    mov (%bx,%di), %ax                  /* DS:BX+DI */
    call mix_ax
    mov (%bp,%si), %ax                  /* SS:BP+SI */
    call mix_ax
    mov (%bp,%di), %ax                  /* SS:BP+DI */
    call mix_ax
    mov (%si), %ax                      /* DS:SI */
    call mix_ax
    mov (%di), %ax                      /* DS:DI */
    call mix_ax
    mov 0x4000, %ax                     /* DS:disp16 */
    call mix_ax
    mov (%bx), %ax                      /* DS:BX */
    call mix_ax
    mov 0x10(%bp), %ax                  /* SS:BP+disp8 */
    call mix_ax
    mov -0x200(%bp,%di), %ax            /* SS:BP+DI+disp16 */
    call mix_ax
    mov %es:(%bx,%si), %ax              /* override ES */
    call mix_ax
    mov %ds:(%bp), %ax                  /* override DS on a BP form */
    call mix_ax
    mov %ss:(%bx), %ax                  /* override SS on a BX form */
    call mix_ax
    push %bx
    mov $0xfff0, %bx                    /* BX+SI = 0x100F2 wraps to 0x00F2 */
    mov (%bx,%si), %ax
    call mix_ax
    pop %bx
    movzwl %si, %esi                    /* 32-bit addressing in real mode: ESI, SIB */
    mov (%esi), %ax
    call mix_ax
    movzwl %bx, %ebx
    mov $0x40, %eax
    mov 4(%ebx,%eax,2), %ax             /* DS:EBX+EAX*2+4 */
    call mix_ax
    movzwl %bp, %ebp
    mov (%ebp), %ax                     /* EBP base: SS as well */
    call mix_ax

    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov %cs:saved_sp, %sp
    mov $name_addressing, %si
    jmp report


/* ---- interrupts through the IVT: INT n, #DE (a fault: IP of the DIV), INT3, INTO ---- */

family_interrupts:
    call hash_reset
    movw $soft_handler, 0x60 * 4        /* IVT entry n: offset, segment at 0000:4n */
    movw $0, 0x60 * 4 + 2
    movw $divide_handler, 0 * 4
    movw $0, 0 * 4 + 2
    movw $breakpoint_handler, 3 * 4
    movw $0, 3 * 4 + 2
    movw $overflow_handler, 4 * 4
    movw $0, 4 * 4 + 2

    mov $0x1234, %ax
    stc                                 /* the handler sees CF=1 in the pushed FLAGS... */
    int $0x60
    call mix_ax                         /* ...and returns AX + 1 */
    pushf                               /* IRET restored FLAGS, CF included */
    pop %ax
    and $0x0fd5, %ax
    call mix_ax

    xor %cx, %cx
    mov $5, %ax
    xor %dx, %dx
divide_fault:
    div %cx
divide_resume:
    int3
breakpoint_return:
    mov $0x7fff, %ax
    inc %ax                             /* OF=1 */
    into
overflow_return:
    mov $name_interrupts, %si
    jmp report

/* Frame on entry: IP, CS, FLAGS (6 bytes, 16-bit). */
soft_handler:
    push %bp
    mov %sp, %bp
    push %ax
    mov 6(%bp), %ax                     /* the FLAGS image the INT pushed */
    and $0x0fd5, %ax
    call mix_ax
    pushf                               /* INT cleared IF and TF for the handler */
    pop %ax
    and $0x0300, %ax
    call mix_ax
    mov 4(%bp), %ax                     /* the caller's CS */
    call mix_ax
    pop %ax
    inc %ax
    pop %bp
    iret

/* Checks that the saved IP is \expected, mixes it in, and resumes at \resume. */
.macro CHECK_SAVED_IP expected, resume
    push %bp
    mov %sp, %bp
    push %ax
    mov 2(%bp), %ax
    cmp $\expected, %ax
    jne wrong_saved_ip
    sub $\expected, %ax                 /* 0 when right: keeps the hash independent of layout */
    call mix_ax
    movw $\resume, 2(%bp)
    pop %ax
    pop %bp
    iret
.endm

divide_handler:                         /* #DE is a fault: IP points at the DIV (286 and later) */
    CHECK_SAVED_IP divide_fault, divide_resume
breakpoint_handler:                     /* INT3 is a trap: IP after it */
    CHECK_SAVED_IP breakpoint_return, breakpoint_return
overflow_handler:
    CHECK_SAVED_IP overflow_return, overflow_return

wrong_saved_ip:
    mov $wrong_ip_message, %si
    call rm_serial_puts
    PC_EXIT $4

/* ---- far transfers: CALL/JMP far, direct and through memory, RET far with a count, LDS/LES ---- */

family_far:
    call hash_reset
    lcall $0, $far_procedure
far_return_1:
    lcall *far_pointer
far_return_2:
    mov %sp, %bx
    push $0xabcd                        /* a parameter that RETF 2 drops */
    lcall $0, $far_procedure_with_parameter
    mov %sp, %ax
    sub %bx, %ax                        /* 0: the parameter is gone */
    call mix_ax
    ljmp *jump_pointer
far_jump_back:
    lds far_data_pointer, %si
    mov %si, %ax
    call mix_ax
    mov %ds, %ax
    call mix_ax
    xor %ax, %ax
    mov %ax, %ds
    les far_data_pointer, %di
    mov %di, %ax
    call mix_ax
    mov %es, %ax
    call mix_ax
    xor %ax, %ax
    mov %ax, %es
    mov $name_far, %si
    jmp report

far_procedure:                          /* stack: return IP, return CS */
    push %bp
    mov %sp, %bp
    mov 2(%bp), %ax
    sub $far_return_1, %ax              /* 0 for the direct call... */
    cmpw $far_return_2, 2(%bp)
    jne 1f
    mov $0x22, %ax                      /* ...0x22 for the one through memory */
1:  call mix_ax
    mov 4(%bp), %ax
    call mix_ax
    pop %bp
    lret
far_procedure_with_parameter:
    push %bp
    mov %sp, %bp
    mov 6(%bp), %ax                     /* the parameter above CS:IP */
    call mix_ax
    pop %bp
    lret $2
far_jump_target:
    mov $0x5a5a, %ax
    call mix_ax
    ljmp $0, $far_jump_back

/* ---- LOOP, LOOPZ/LOOPNZ, JCXZ, with CX and (address-size prefix) ECX ---- */

family_loop:
    call hash_reset
    mov $5, %cx
    xor %ax, %ax
1:  inc %ax
    loop 1b
    call mix_ax                         /* 5 */
    mov %cx, %ax
    call mix_ax                         /* 0 */
    xor %cx, %cx
    mov $1, %ax
    jcxz 2f
    xor %ax, %ax
2:  call mix_ax                         /* 1: taken */
    mov $10, %cx                        /* LOOPNZ: stops when the compare hits */
    xor %bx, %bx
3:  inc %bx
    cmp $4, %bx
    loopnz 3b
    mov %cx, %ax
    call mix_ax
    mov %bx, %ax
    call mix_ax
    mov $10, %cx                        /* LOOPZ: stops at the first mismatch */
    xor %bx, %bx
4:  inc %bx
    cmp $1, %bx
    loopz 4b
    mov %cx, %ax
    call mix_ax
    movl $0x00050003, %ecx              /* a 16-bit LOOP counts CX only */
5:  loop 5b
    mov %ecx, %eax
    call mix_ax
    shr $16, %eax
    call mix_ax
    movl $0x00010002, %ecx              /* with the 0x67 prefix LOOP counts ECX */
6:  addr32 loop 6b
    mov %ecx, %eax
    call mix_ax
    shr $16, %eax
    call mix_ax
    mov $name_loop, %si
    jmp report

/* ---- the stack: PUSH SP, PUSHA/POPA, ENTER/LEAVE, PUSHF/POPF of the upper FLAGS bits ---- */

family_stack:
    call hash_reset
    mov %sp, %bx
    push %sp                            /* 286 and later push the value before the decrement */
    pop %ax
    sub %bx, %ax
    call mix_ax
    mov $0x1111, %ax
    mov $0x2222, %cx
    mov $0x3333, %dx
    mov $0x4444, %bx
    mov $0x5555, %bp
    mov $0x6666, %si
    mov $0x7777, %di
    mov %sp, %cs:saved_sp
    pusha                               /* AX CX DX BX SP BP SI DI */
    mov %sp, %bp
    mov $8, %cx
1:  mov (%bp), %ax
    cmp $6, %cx                         /* SP slot (the fifth pushed, 8 - 6 + ... ): normalise */
    jne 2f
    sub %cs:saved_sp, %ax
2:  call mix_ax
    add $2, %bp
    loop 1b
    popa
    mov %sp, %ax
    sub %cs:saved_sp, %ax
    call mix_ax
    mov %sp, %bx
    enter $6, $0
    mov %bp, %ax
    sub %sp, %ax                        /* 6 */
    call mix_ax
    leave
    enter $4, $1                        /* nesting level 1: also pushes the frame pointer */
    mov %bx, %ax
    sub %sp, %ax
    call mix_ax
    leave
    mov %sp, %ax
    sub %bx, %ax
    call mix_ax
    push $0xf0d5                        /* IOPL and NT are writable in real mode; bit 15 is not */
    popf
    pushf
    pop %ax
    call mix_ax
    push $0x0002
    popf
    mov $name_stack, %si
    jmp report

/* ---- string instructions wrapping at 64 KiB: DI runs past 0xFFFF both ways ---- */

family_strings:
    call hash_reset
    mov $0x2000, %ax
    mov %ax, %es
    mov $0xfffe, %di
    mov $0x5a, %al
    mov $4, %cx
    rep stosb                           /* ES:FFFE FFFF 0000 0001 */
    mov %di, %ax
    call mix_ax                         /* 0x0002 */
    mov %es:0xfffe, %ax
    call mix_ax
    mov %es:0x0000, %ax
    call mix_ax
    std
    mov $0x0001, %di
    mov $0xa5, %al
    mov $3, %cx
    rep stosb                           /* ES:0001 0000 FFFF, downwards */
    cld
    mov %di, %ax
    call mix_ax                         /* 0xFFFE */
    mov %es:0xfffe, %ax
    call mix_ax
    mov %es:0x0000, %ax
    call mix_ax
    /* (A word at offset 0xFFFF would cross the 64 KiB limit: #GP on a 286 or later, while
     * QEMU reads on past it. Not tested.) */
    push %ds
    mov $0x2000, %ax
    mov %ax, %ds
    mov $0xfffe, %si                    /* LODSB twice from FFFE: SI wraps to 0000 */
    lodsb
    lodsb
    pop %ds
    call mix_ax
    mov %si, %ax
    call mix_ax
    xor %ax, %ax
    mov %ax, %es
    mov $name_strings, %si
    jmp report

/* ---- unreal mode: a 4 GiB FS limit loaded in protected mode stays after returning ---- */

family_unreal:
    call hash_reset
    lgdtl unreal_gdt_descriptor
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0                      /* protected mode, CS still the real-mode one (CPL 0) */
    jmp 1f
1:  mov $0x08, %bx
    mov %bx, %fs                        /* base 0, limit 4 GiB */
    and $~1, %eax
    mov %eax, %cr0                      /* back to real mode; FS keeps its hidden limit */
    jmp 2f
2:  movl $0x00100100, %ebx              /* above 1 MiB: beyond any real-mode segment */
    movl $0x5eedf00d, %fs:(%ebx)
    movl %fs:(%ebx), %eax
    cmp $0x5eedf00d, %eax
    je 3f
    mov $unreal_message, %si
    call rm_serial_puts
    PC_EXIT $5
3:  call mix_ax
    mov %fs, %ax                        /* the selector loaded in protected mode */
    call mix_ax
    mov $name_unreal, %si
    jmp report

    .balign 8
unreal_gdt:
    .quad 0
    .quad 0x00cf92000000ffff            /* 0x08: data, base 0, limit 4 GiB */
unreal_gdt_end:
unreal_gdt_descriptor:
    .word unreal_gdt_end - unreal_gdt - 1
    .long unreal_gdt
far_pointer:
    .word far_procedure, 0
jump_pointer:
    .word far_jump_target, 0
far_data_pointer:
    .word 0x1357, 0x2468                /* offset, segment */

    .balign 4
hash:
    .long 0
saved_sp:
    .word 0
line_prefix:
    .asciz "real16: "
hash_prefix:
    .asciz " 0x"
name_addressing:
    .asciz "addressing"
name_interrupts:
    .asciz "interrupts"
name_far:
    .asciz "far"
name_loop:
    .asciz "loop"
name_stack:
    .asciz "stack"
name_strings:
    .asciz "strings"
name_unreal:
    .asciz "unreal"
wrong_ip_message:
    .asciz "real16: an exception handler saw a wrong saved IP\n"
unreal_message:
    .asciz "real16: unreal mode did not read back what it wrote above 1 MiB\n"
all_done_message:
    .asciz "real16: done\n"

    .balign 512
.equ STAGE2_SECTORS, (. - stage2_magic) / 512
