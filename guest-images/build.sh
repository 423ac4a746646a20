#!/bin/sh
# Rebuild every guest image from src/guest into a temporary directory, then either install the
# images as resources (./build.sh) or check that the committed ones are byte-identical
# (./build.sh --check; exit 1 naming the images that differ). ./build.sh --toolchain prints
# the tool versions; installing records them in src/guest/toolchain.txt, since another
# version of as/ld/gcc may legitimately produce other bytes.
#
# Needs the GNU toolchain: as, ld, gcc with -m32 support (Debian: binutils,
# gcc, gcc-multilib), and qemu-i386 (qemu-user) where the host cannot run 32-bit programs.
# Builds are reproducible: relative source paths, no build ids, no .comment sections, C locale,
# UTC and SOURCE_DATE_EPOCH fixed.
set -eu

toolchain() {
    as --version | head -n 1
    ld --version | head -n 1
    gcc --version | head -n 1
}

mode=install
case "${1:-}" in
    "") ;;
    --check) mode=check ;;
    --toolchain) toolchain; exit 0 ;;
    *) echo "usage: $0 [--check | --toolchain]" >&2; exit 2 ;;
esac

HERE=$(cd "$(dirname "$0")" && pwd)
SRC="$HERE/src/guest"
DEST="$HERE/src/main/resources/dev/jvmm/guests"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jvmm-guests.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=0

INC="$SRC/include"
OBJ="$WORK/obj"                 # intermediates; everything directly in $WORK is an artefact
mkdir "$OBJ"
. "$HERE/guest-flags.sh"

# How to run a 32-bit host program: directly, or where the host kernel has no IA32 emulation
# (some cloud and microVM kernels: "Exec format error") under QEMU's user-mode emulator
# qemu-i386 (Debian: qemu-user), which then stands in for the host CPU as the oracle.
RUN32=""
probe="$OBJ/probe32"
printf 'int main(void) { return 0; }\n' > "$probe.c"
if gcc -m32 -o "$probe" "$probe.c" 2>/dev/null && ! "$probe" 2>/dev/null; then
    if command -v qemu-i386 >/dev/null && qemu-i386 "$probe"; then
        RUN32=qemu-i386
        echo "note: this host cannot run 32-bit programs; the 32-bit guests' expected output comes from qemu-i386" >&2
    else
        echo "build.sh: this host cannot run 32-bit programs and qemu-i386 (Debian: qemu-user) is missing;" >&2
        echo "          the 32-bit C guests' expected output cannot be derived" >&2
        exit 1
    fi
fi

# asm_real NAME: a 16-bit boot sector (and maybe more sectors), a flat binary at 0x7C00.
asm_real() {
    (cd "$SRC/$1" && as --32 --noexecstack -I "$INC" -o "$OBJ/$1.o" "$1.S")
    ld -m elf_i386 $LDFLAGS -T "$INC/bootsector.ld" -o "$WORK/$1.bin" "$OBJ/$1.o"
}

# asm_multiboot NAME: a multiboot v1 ELF32 kernel from one assembly file.
asm_multiboot() {
    (cd "$SRC/$1" && as --32 --noexecstack -I "$INC" -o "$OBJ/$1.o" "$1.S")
    ld -m elf_i386 $LDFLAGS -T "$INC/multiboot.ld" -o "$WORK/$1.elf" "$OBJ/$1.o"
}

# asm_multiboot_at NAME BASE: like asm_multiboot, linked at BASE instead of 1 MiB.
asm_multiboot_at() {
    (cd "$SRC/$1" && as --32 --noexecstack -I "$INC" -o "$OBJ/$1.o" "$1.S")
    ld -m elf_i386 $LDFLAGS --defsym=LOAD_BASE="$2" -T "$INC/multiboot.ld" -o "$WORK/$1.elf" "$OBJ/$1.o"
}

# asm_elf64 NAME: a plain x86-64 ELF entered in long mode.
asm_elf64() {
    (cd "$SRC/$1" && as --64 --noexecstack -I "$INC" -o "$OBJ/$1.o" "$1.S")
    ld -m elf_x86_64 $LDFLAGS -T "$INC/elf64.ld" -o "$WORK/$1.elf" "$OBJ/$1.o"
}

# c_kernel NAME SOURCE BITS [float | cmdline | float+cmdline] [CFLAGS]: a freestanding C kernel
# (SOURCE relative to src/guest, compiled with GUEST_NAME="NAME" and CFLAGS) behind
# include/startBITS.S: BITS=32 gives a multiboot ELF32, BITS=64 an ELF64. "float" lets the kernel
# use the FPU (x87 in 32-bit, SSE2 in 64-bit) and makes the start code enable it; "cmdline" makes
# the start code keep the kernel command line in boot_cmdline (include/cmdline.h; the native
# program takes it as argument 1). Also NAME.expected: the output of the very same kernel object
# linked into a native program for the build host (same bitness) and run there, so guest and
# oracle execute identical machine code.
c_kernel() {
    name=$1 source=$2 bits=$3 float=${4:-} extra=${5:-}
    define="-DGUEST_NAME=\"$name\""
    if [ "$bits" = 32 ]; then
        cflags="$GUEST_CFLAGS $GUEST32_CFLAGS" emulation=elf_i386 script=multiboot.ld
        hostflags="$HOST_CFLAGS -m32"
    else
        # No red zone: alu's inline assembly pushes below the stack pointer.
        cflags="$GUEST_CFLAGS -m64 -mcmodel=small -mno-red-zone" emulation=elf_x86_64 script=elf64.ld
        hostflags="$HOST_CFLAGS -m64 -mno-red-zone"
    fi
    kernel_cflags="$cflags -mgeneral-regs-only" start_defs=""
    case $float in float | float+cmdline) kernel_cflags="$cflags $extra" start_defs="--defsym ENABLE_FPU=1" ;; esac
    case $float in cmdline | float+cmdline) start_defs="$start_defs --defsym BOOT_CMDLINE=1" ;; esac
    (cd "$SRC" && as --$bits --noexecstack $start_defs -I "$INC" -o "$OBJ/$name-start.o" "include/start$bits.S")
    objects="$OBJ/$name-start.o"
    for c in include/console_common.c include/console_serial.c include/libc.c; do
        object="$OBJ/$name-$(basename "$c" .c).o"
        (cd "$SRC" && gcc $cflags -mgeneral-regs-only -I include -c "$c" -o "$object")
        objects="$objects $object"
    done
    (cd "$SRC" && gcc $kernel_cflags "$define" -I include -c "$source" -o "$OBJ/$name-kernel.o")
    ld -m $emulation $LDFLAGS -T "$INC/$script" -o "$WORK/$name.elf" $objects "$OBJ/$name-kernel.o"
    (cd "$SRC" && gcc $hostflags -no-pie -I include -o "$OBJ/$name-native" \
        include/console_common.c include/console_host.c "$OBJ/$name-kernel.o")
    runner=""
    [ "$bits" = 32 ] && runner="$RUN32"
    if ! $runner "$OBJ/$name-native" > "$WORK/$name.expected"; then
        echo "$name: the native run of $source failed its own checks" >&2
        exit 1
    fi
}

asm_real      hello-real
asm_real      real-to-pm
asm_real      real16
asm_real      modes
asm_multiboot hello-pm32
asm_multiboot hello-lm64
asm_elf64     hello-elf64
asm_multiboot pit-poll
asm_multiboot pit-irq
asm_multiboot lapic-timer
asm_multiboot uart-loopback
asm_multiboot uart-echo
asm_multiboot rtc-read
asm_multiboot rtc-irq
asm_multiboot pci-hostbridge
asm_multiboot string-io
asm_multiboot i8042
asm_multiboot_at a20-gate 0x200000       # bit 20 of its own addresses clear
asm_multiboot exceptions32
asm_multiboot paging32
asm_multiboot user32
asm_multiboot segments32
asm_multiboot seglimits32
asm_elf64     exceptions64
asm_elf64     paging64
asm_elf64     user64
asm_multiboot smc32
asm_multiboot smp-litmus                   # needs -smp 2: not in the catalogue, run by launcher SmpLitmusTest
asm_multiboot smp-work                     # the guest of jvmm bench smp (its output holds a time): not in the catalogue
c_kernel      sieve32 sieve32/sieve.c 32 cmdline
c_kernel      crc32 crc32/crc32.c 32 cmdline
c_kernel      sieve64 sieve32/sieve.c 64 cmdline
c_kernel      alu32 alu/alu.c 32
c_kernel      alu64 alu/alu.c 64
c_kernel      strings32 strings/strings.c 32
c_kernel      strings64 strings/strings.c 64
c_kernel      mandel32 mandel/mandel.c 32 float
c_kernel      mandel64 mandel/mandel.c 64 float
c_kernel      nbody32 nbody/nbody.c 32 float
c_kernel      trig32 trig/trig.c 32 float
c_kernel      spectral32 spectral/spectral.c 32 float+cmdline -mfpmath=387
c_kernel      spectral64 spectral/spectral.c 64 float+cmdline "-msse4.2 -mfpmath=sse"
c_kernel      simd64 simd64/simd64.c 64 float
c_kernel      sse4-64 sse4/sse4.c 64 float "-msse4.2 -mpopcnt"
c_kernel      sort32 sort/sort.c 32 cmdline
c_kernel      sort64 sort/sort.c 64 cmdline
c_kernel      matmul32 matmul/matmul.c 32 cmdline
c_kernel      matmul64 matmul/matmul.c 64 cmdline
c_kernel      mixed32 mixed/mixed.c 32 cmdline
asm_multiboot_at elf64-boot 0x800000     # the shim that boots ELF64 guests on QEMU

# The expected COM1 output of each assembly guest, recorded from QEMU 7.2 (the oracle; see the
# README for the one guest where the SDM overrides it), is kept beside its source.
for expected in "$SRC"/*/expected.txt; do
    name=$(basename "$(dirname "$expected")")
    cp "$expected" "$WORK/$name.expected"
done

rm -rf "$OBJ"

if [ "$mode" = install ]; then
    mkdir -p "$DEST"
    for f in "$WORK"/*; do
        cp "$f" "$DEST/"
        chmod 644 "$DEST/$(basename "$f")"
        echo "installed $(basename "$f") ($(wc -c < "$f") bytes)"
    done
    toolchain > "$SRC/toolchain.txt"
    exit 0
fi

status=0
for f in "$WORK"/*; do
    name=$(basename "$f")
    if ! cmp -s "$f" "$DEST/$name"; then
        echo "differs: $name" >&2
        status=1
    fi
done
for f in "$DEST"/*; do
    if [ ! -e "$WORK/$(basename "$f")" ]; then
        echo "not built from any source: $(basename "$f")" >&2
        status=1
    fi
done
if [ "$status" -eq 0 ]; then
    echo "all guest images match their sources"
elif ! toolchain | cmp -s - "$SRC/toolchain.txt"; then
    echo "note: the committed images were built with:" >&2
    cat "$SRC/toolchain.txt" >&2
fi
exit "$status"
