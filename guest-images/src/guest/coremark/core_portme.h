/*
 * core_portme.h - jvmm's port of CoreMark 1.0 (EEMBC) to a freestanding multiboot kernel. CoreMark's
 * portable core (core_*.c, coremark.h) is compiled from ../shared/third-party/coremark at build time
 * (build-coremark.sh) and never copied here; this header is the interface CoreMark's README asks a
 * port to provide: its types, the timer type, the seeds' source and the memory for its data.
 *
 * Choices: no floating point (the kernels run with -mgeneral-regs-only, so CoreMark's seconds are whole
 * seconds and the port prints its own exact iterations per second, see core_portme.c); seeds from
 * volatile variables, the iteration count from the kernel command line ("rounds=N"); the 2000-byte
 * data block in a static array (the start code's stack is 8 KiB).
 */
#ifndef CORE_PORTME_H
#define CORE_PORTME_H

#include <stddef.h>
#include <stdint.h>

#define HAS_FLOAT 0
#define HAS_TIME_H 0
#define USE_CLOCK 0
#define HAS_STDIO 0
#define HAS_PRINTF 0
#define SEED_METHOD SEED_VOLATILE
#define MEM_METHOD MEM_STATIC
#define MEM_LOCATION "STATIC"
#define MULTITHREAD 1
#define MAIN_HAS_NOARGC 0
#define MAIN_HAS_NORETURN 0

#define COMPILER_VERSION "GCC" __VERSION__
#ifndef FLAGS_STR
#error "build-coremark.sh defines FLAGS_STR (the compiler flags CoreMark reports)"
#endif
#define COMPILER_FLAGS FLAGS_STR

typedef int16_t ee_s16;
typedef uint16_t ee_u16;
typedef int32_t ee_s32;
typedef uint8_t ee_u8;
typedef uint32_t ee_u32;
typedef uintptr_t ee_ptr_int;
typedef size_t ee_size_t;

#ifndef NULL
#define NULL ((void *)0)
#endif

/* Rounds a pointer up to the next multiple of 4 (CoreMark's matrix data). */
#define align_mem(x) (void *)(4 + (((ee_ptr_int)(x)-1) & ~3))

/* Ticks are milliseconds of the port's clock (clock.h). */
#define CORETIMETYPE ee_u32
typedef ee_u32 CORE_TICKS;

extern ee_u32 default_num_contexts;

typedef struct CORE_PORTABLE_S {
    ee_u8 portable_id;
} core_portable;

void portable_init(core_portable *p, int *argc, char *argv[]);
void portable_fini(core_portable *p);

/* TOTAL_DATA_SIZE 2000 (coremark.h's default) is the performance run: seeds 0, 0, 0x66. */
#if !defined(PROFILE_RUN) && !defined(PERFORMANCE_RUN) && !defined(VALIDATION_RUN)
#define PERFORMANCE_RUN 1
#endif

int ee_printf(const char *fmt, ...);

#endif
