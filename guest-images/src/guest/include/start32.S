/*
 * start32.S - multiboot entry of the freestanding C guests: stack, COM1, magic check (exit 2),
 * then kernel_main(); its return value goes to isa-debug-exit.
 */
    .include "pc.inc"
    .include "multiboot.inc"

    MULTIBOOT_HEADER
    MULTIBOOT_ENTRY kernel
    call kernel_main
    PC_EXIT %eax

    PC_SERIAL_FUNCTIONS
