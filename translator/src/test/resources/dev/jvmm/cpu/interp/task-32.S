/*
 * task-32: hardware task switches (TaskSwitchTest). Task A (this code, TR = 0x28) CALLs task B
 * (TSS at 0x30), which IRETs back along the link; INT 0x40 goes through a task gate to task C,
 * which IRETs back; then A JMPs to task B, which resumes after its IRET and halts.
 * Results at 0x5000. Build: as --32 task-32.S -o t.o && ld -m elf_i386 -Ttext=0x10000 --oformat=binary t.o -o task-32.bin
 */
    .code32
    .globl _start
_start:
    mov $0xaaaa, %eax
    lcall $0x30, $0             /* CALL to TSS B: a nested task */
    mov %eax, 0x5000            /* A's EAX, restored from TSS A */
    pushf
    pop 0x5004                  /* NT clear in A */
    int $0x40                   /* task gate -> task C */
    mov 0x5020, %ebx
    mov %ebx, 0x5008            /* C ran once */
    ljmp $0x30, $0              /* JMP to task B: no link, no NT */
    hlt                         /* not reached */

task_b:
    str %ax
    mov %eax, 0x5010            /* TR = 0x30 */
    pushf
    pop 0x5014                  /* NT set */
    mov $0xbbbb, %eax
    iret                        /* back to A */
    str %ax                     /* resumed by A's JMP */
    mov %eax, 0x5018
    pushf
    pop 0x501c
    hlt

task_c:
    incl 0x5020
    iret
    jmp task_c

    .org 0x100
    .long task_b
    .long task_c
