/*
 * nbody32 - x87 floating point: the five outer-planet bodies of the Computer Language Benchmarks
 * Game's n-body problem (sun, Jupiter, Saturn, Uranus, Neptune; the initial data are the published
 * planetary elements), advanced 500 steps of 0.01 days with GCC's default x87 code for -m32
 * (doubles in memory, 80-bit intermediates). The energy is summed in long double (FLD/FSTP m80).
 * Printed: the energy before and after as the exact bits of a double, and a hash of every
 * position and velocity bit at the end. The expected output is this same object code run natively
 * on the build host (see build.sh), so the oracle is the host's FPU.
 *
 * Exit code: 0 (the output is the check).
 */
#include <stdint.h>
#include "console.h"

#ifndef GUEST_NAME
#error "build.sh defines GUEST_NAME"
#endif

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define BODIES 5
#define STEPS 500

struct body {
    double x, y, z, vx, vy, vz, mass;
};

static struct body bodies[BODIES] = {
    {0, 0, 0, 0, 0, 0, SOLAR_MASS},
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
        1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
        -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS},
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
        -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
        2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS},
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
        2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
        -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS},
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
        2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
        -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS},
};

/* FSQRT itself: a freestanding guest has no libm, and GCC would call sqrt() for a negative argument. */
static double root(double x)
{
    double r;
    __asm__("fsqrt" : "=t"(r) : "0"(x));
    return r;
}

static void offset_momentum(void)
{
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < BODIES; i++) {
        px += bodies[i].vx * bodies[i].mass;
        py += bodies[i].vy * bodies[i].mass;
        pz += bodies[i].vz * bodies[i].mass;
    }
    bodies[0].vx = -px / SOLAR_MASS;
    bodies[0].vy = -py / SOLAR_MASS;
    bodies[0].vz = -pz / SOLAR_MASS;
}

static double energy(void)
{
    long double e = 0;
    for (int i = 0; i < BODIES; i++) {
        struct body *b = &bodies[i];
        e += 0.5L * b->mass * ((long double)b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
        for (int j = i + 1; j < BODIES; j++) {
            struct body *c = &bodies[j];
            double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
            e -= (b->mass * c->mass) / root(dx * dx + dy * dy + dz * dz);
        }
    }
    return (double)e;
}

static void advance(double dt)
{
    for (int i = 0; i < BODIES; i++) {
        struct body *b = &bodies[i];
        for (int j = i + 1; j < BODIES; j++) {
            struct body *c = &bodies[j];
            double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * root(d2));
            b->vx -= dx * c->mass * mag;
            b->vy -= dy * c->mass * mag;
            b->vz -= dz * c->mass * mag;
            c->vx += dx * b->mass * mag;
            c->vy += dy * b->mass * mag;
            c->vz += dz * b->mass * mag;
        }
    }
    for (int i = 0; i < BODIES; i++) {
        bodies[i].x += dt * bodies[i].vx;
        bodies[i].y += dt * bodies[i].vy;
        bodies[i].z += dt * bodies[i].vz;
    }
}

/* The bits of a double as 16 hex digits. */
static void put_double(double d)
{
    union { double d; uint64_t bits; } u = {d};
    for (int shift = 60; shift >= 0; shift -= 4)
        console_putc("0123456789abcdef"[(u.bits >> shift) & 15]);
}

int kernel_main(void)
{
    offset_momentum();
    console_puts(GUEST_NAME ": energy before ");
    put_double(energy());
    for (int step = 0; step < STEPS; step++)
        advance(0.01);
    console_puts(", after ");
    put_double(energy());
    uint32_t hash = 2166136261u;
    const uint8_t *p = (const uint8_t *)bodies;
    for (unsigned k = 0; k < sizeof bodies; k++) {
        hash ^= p[k];
        hash *= 16777619u;
    }
    console_puts(", state hash ");
    console_put_hex32(hash);
    console_putc('\n');
    return 0;
}
