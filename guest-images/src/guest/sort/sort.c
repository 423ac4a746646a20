/*
 * sort32 / sort64 - a CPU-bound kernel: quicksort (median of three, Hoare partition, insertion
 * sort below 16 elements, recursion on the smaller side) of COUNT pseudo-random signed 32-bit
 * integers from xorshift32, ROUNDS times with a new seed each round, then a check that the
 * array is sorted and still holds the same numbers (sum and xor kept). Prints a checksum over
 * every sorted array. The round count comes from the command line ("rounds=N", cmdline.h),
 * default DEFAULT_ROUNDS; the output names it. build.sh compiles this file natively and runs it
 * to get the expected output (default rounds), and for the guest twice: a 32-bit multiboot
 * kernel (sort32) and an ELF64 (sort64); GUEST_NAME says which.
 *
 * Exit codes: 0 success; 2 bad multiboot magic (start code); 3 not sorted; 4 the sorted array
 *   is not a permutation of the input (sum or xor changed); 5 bad rounds=N.
 */
#include <stdint.h>
#include "console.h"
#include "cmdline.h"
#include "xorshift32.h"

#ifndef GUEST_NAME
#error "build.sh defines GUEST_NAME"
#endif

#define COUNT 200000u
#define DEFAULT_ROUNDS 2
#define SMALL 16

static int32_t numbers[COUNT];

static void insertion_sort(int32_t *a, uint32_t n)
{
    for (uint32_t i = 1; i < n; i++) {
        int32_t v = a[i];
        uint32_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

static void swap(int32_t *a, int32_t *b)
{
    int32_t t = *a;
    *a = *b;
    *b = t;
}

static void quicksort(int32_t *a, uint32_t n)
{
    while (n > SMALL) {
        /* Median of three to a[0] .. a[mid] .. a[n-1], pivot the middle one. */
        uint32_t mid = n / 2;
        if (a[mid] < a[0])
            swap(&a[mid], &a[0]);
        if (a[n - 1] < a[mid]) {
            swap(&a[n - 1], &a[mid]);
            if (a[mid] < a[0])
                swap(&a[mid], &a[0]);
        }
        int32_t pivot = a[mid];
        /* Hoare partition: afterwards a[0..j] <= pivot <= a[j+1..n-1], both parts non-empty. */
        uint32_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i >= j)
                break;
            swap(&a[i], &a[j]);
            i++;
            j--;
        }
        uint32_t left = j + 1;
        if (left < n - left) {
            quicksort(a, left);
            a += left;
            n -= left;
        } else {
            quicksort(a + left, n - left);
            n = left;
        }
    }
    insertion_sort(a, n);
}

int kernel_main(void)
{
    uint32_t rounds = cmdline_number("rounds", DEFAULT_ROUNDS);
    if (rounds == 0) {
        console_puts(GUEST_NAME ": bad rounds=N on the command line\n");
        return 5;
    }
    uint32_t checksum = 0;
    uint32_t seed = 0x2545f491u;
    for (uint32_t round = 0; round < rounds; round++) {
        uint32_t sum = 0, xor = 0;
        for (uint32_t i = 0; i < COUNT; i++) {
            int32_t v = (int32_t)xorshift32(&seed);
            numbers[i] = v;
            sum += (uint32_t)v;
            xor ^= (uint32_t)v;
        }
        quicksort(numbers, COUNT);
        for (uint32_t i = 0; i < COUNT; i++) {
            if (i > 0 && numbers[i - 1] > numbers[i]) {
                console_puts(GUEST_NAME ": not sorted\n");
                return 3;
            }
            sum -= (uint32_t)numbers[i];
            xor ^= (uint32_t)numbers[i];
            checksum = checksum * 31 + (uint32_t)numbers[i];
        }
        if (sum != 0 || xor != 0) {
            console_puts(GUEST_NAME ": the sorted numbers are not the generated ones\n");
            return 4;
        }
    }
    console_puts(GUEST_NAME ": ");
    console_put_u32(COUNT);
    console_puts(" numbers quicksorted, checksum ");
    console_put_hex32(checksum);
    console_puts(", ");
    console_put_u32(rounds);
    console_puts(" rounds\n");
    return 0;
}
