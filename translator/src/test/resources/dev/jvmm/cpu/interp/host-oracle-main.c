#include <stdio.h>
#include <stdint.h>
extern void run_all(void);
extern uint64_t res[];
extern unsigned char scratch[];
extern uint64_t ncases;
int main(void) {
    run_all();
    for (uint64_t n = 0; n < ncases; n++) {
        for (int r = 0; r < 17; r++) printf("%llx%c", (unsigned long long) res[n * 17 + r], r == 16 ? ' ' : ',');
        for (int b = 0; b < 64; b++) printf("%02x", scratch[n * 64 + b]);
        printf("\n");
    }
    return 0;
}
