/*
 * core_portme.c - jvmm's CoreMark port (see core_portme.h): the timer CoreMark calls around its
 * timed loop, ee_printf on the console, the seeds, and kernel_main, which takes the iteration count
 * from the command line, runs CoreMark's main (compiled as coremark_main) and turns its self-check
 * into the exit value.
 *
 * Besides CoreMark's own report the port prints one line of its own,
 *   coremark: N iterations in T ms, I.III iterations/s
 * because without floating point CoreMark divides by whole seconds.
 *
 * Exit values: 0 CoreMark validated its list, matrix and state CRCs for the performance run's seeds;
 * 3 it did not (a wrong result); 5 a bad rounds=N; 6 a CPU exception (clock_pit.c).
 */
#include <stdarg.h>
#include "coremark.h"
#include "clock.h"
#include "console.h"
#include "cmdline.h"

#define DEFAULT_ITERATIONS 100

/* The performance run's seeds (0, 0, 0x66) and its known CRCs (core_main.c's tables, entry 3). */
volatile ee_s32 seed1_volatile = 0x0;
volatile ee_s32 seed2_volatile = 0x0;
volatile ee_s32 seed3_volatile = 0x66;
volatile ee_s32 seed4_volatile = DEFAULT_ITERATIONS;
volatile ee_s32 seed5_volatile = 0;
#define KNOWN_CRCLIST 0xe714
#define KNOWN_CRCMATRIX 0x1fd7
#define KNOWN_CRCSTATE 0x8e3a

ee_u32 default_num_contexts = 1;

static CORE_TICKS start_ms, stop_ms;
static int verdict = 3;

void start_time(void)
{
    start_ms = clock_ms();
}

void stop_time(void)
{
    stop_ms = clock_ms();
}

CORE_TICKS get_time(void)
{
    return stop_ms - start_ms;
}

secs_ret time_in_secs(CORE_TICKS ticks)
{
    return ticks / 1000;
}

void portable_init(core_portable *p, int *argc, char *argv[])
{
    (void)argc;
    (void)argv;
    clock_start();
    p->portable_id = 1;
}

static void put_padded(const char *digits, int n, int width, char pad)
{
    for (int k = n; k < width; k++)
        console_putc(pad);
    while (n > 0)
        console_putc(digits[--n]);
}

/* Digits of value in base (least significant first), returns how many. */
static int digits_of(uint32_t value, unsigned base, char *out)
{
    static const char hex[] = "0123456789abcdef";
    int n = 0;
    do {
        out[n++] = hex[value % base];
        value /= base;
    } while (value != 0);
    return n;
}

/* The conversions CoreMark uses: %d %u %lu %x with a zero-padded width (%04x), %s and %c. */
int ee_printf(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    char digits[12];
    for (const char *f = fmt; *f != '\0'; f++) {
        if (*f != '%') {
            console_putc(*f);
            continue;
        }
        f++;
        char pad = ' ';
        int width = 0;
        if (*f == '0') {
            pad = '0';
            f++;
        }
        while (*f >= '0' && *f <= '9')
            width = width * 10 + (*f++ - '0');
        if (*f == 'l')
            f++;
        switch (*f) {
        case 'd': {
            int32_t v = va_arg(args, int32_t);
            if (v < 0) {
                console_putc('-');
                width--;
            }
            put_padded(digits, digits_of(v < 0 ? 0u - (uint32_t)v : (uint32_t)v, 10, digits), width, pad);
            break;
        }
        case 'u':
            put_padded(digits, digits_of(va_arg(args, uint32_t), 10, digits), width, pad);
            break;
        case 'x':
            put_padded(digits, digits_of(va_arg(args, uint32_t), 16, digits), width, pad);
            break;
        case 's':
            console_puts(va_arg(args, const char *));
            break;
        case 'c':
            console_putc((char)va_arg(args, int));
            break;
        case '%':
            console_putc('%');
            break;
        default:
            console_puts("<bad format>");
            break;
        }
    }
    va_end(args);
    return 0;
}

/* CoreMark's results for the one context: portable_fini gets a pointer to their port member. */
void portable_fini(core_portable *p)
{
    const core_results *r = (const core_results *)((const char *)p - offsetof(core_results, port));
    p->portable_id = 0;
    CORE_TICKS ms = get_time();
    ee_printf("coremark: %u iterations in %u ms", r->iterations, ms);
    if (ms > 0) {
        /* iterations * 1000 / ms with three decimals, by long division in 32 bits (no libgcc). */
        uint32_t scaled = r->iterations * 1000u, rest = scaled % ms, fraction = 0;
        for (int k = 0; k < 3; k++) {
            rest *= 10;
            fraction = fraction * 10 + rest / ms;
            rest %= ms;
        }
        ee_printf(", %u.%03u iterations/s", scaled / ms, fraction);
    }
    ee_printf("\n");
    int performance_run = r->seed1 == 0 && r->seed2 == 0 && r->seed3 == 0x66;
    verdict = performance_run && r->crclist == KNOWN_CRCLIST && r->crcmatrix == KNOWN_CRCMATRIX
                      && r->crcstate == KNOWN_CRCSTATE
                  ? 0
                  : 3;
}

int coremark_main(int argc, char *argv[]);

int kernel_main(void)
{
    uint32_t iterations = cmdline_rounds("coremark", DEFAULT_ITERATIONS);
    if (iterations == 0)
        return 5;
    seed4_volatile = (ee_s32)iterations;
    char name[] = "coremark";
    char *argv[] = {name, 0};
    coremark_main(1, argv);
    return verdict;
}
