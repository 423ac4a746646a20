#!/bin/sh
# Builds the coremark guest from CoreMark 1.0's portable sources (EEMBC), which stay outside the
# repository (../shared/third-party/coremark beside the clone), with jvmm's port in
# src/guest/coremark. Run by the guest-images Maven build (generate-resources), so the image
# exists only in build output, never in git (guest-images/README.md, "Third-party guests"):
#
#   build-coremark.sh RESOURCE_DIR NATIVE_DIR COREMARK_DIR
#
# RESOURCE_DIR gets coremark.elf (a multiboot ELF32 kernel) and coremark.expected (what the
# same CoreMark objects printed when linked into a native 32-bit program and run here, the
# catalogue's oracle), NATIVE_DIR that native program, coremark-native (the bench's "native"
# engine). Where the sources or a 32-bit gcc are missing it builds nothing, leaves the reason
# in RESOURCE_DIR/coremark.unavailable (the catalogue reports it) and still exits 0: the rest of
# jvmm does not need CoreMark. Up-to-date outputs are kept.
set -eu

if [ $# -ne 3 ]; then
    echo "usage: $0 RESOURCE_DIR NATIVE_DIR COREMARK_DIR" >&2
    exit 2
fi
DEST=$1 NATIVE=$2 COREMARK=$3
HERE=$(cd "$(dirname "$0")" && pwd)
SRC="$HERE/src/guest"
INC="$SRC/include"
PORT="$SRC/coremark"
CORE_FILES="core_list_join.c core_main.c core_matrix.c core_state.c core_util.c"
mkdir -p "$DEST" "$NATIVE"

unavailable() {
    rm -f "$DEST/coremark.elf" "$DEST/coremark.expected" "$NATIVE/coremark-native"
    echo "$1" > "$DEST/coremark.unavailable"
    echo "build-coremark: coremark guest not built: $1" >&2
    exit 0
}

for f in coremark.h $CORE_FILES; do
    [ -f "$COREMARK/$f" ] || unavailable "CoreMark 1.0 sources not found in $COREMARK (see guest-images/README.md)"
done
for tool in as ld gcc; do
    command -v "$tool" >/dev/null 2>&1 || unavailable "$tool is not on the PATH (apt-get install binutils gcc gcc-multilib)"
done
if ! echo 'int main(void) { return 0; }' | gcc -m32 -x c -o /dev/null - 2>/dev/null; then
    unavailable "gcc cannot link 32-bit programs (apt-get install gcc-multilib)"
fi

if [ -f "$DEST/coremark.elf" ] && [ -f "$DEST/coremark.expected" ] && [ -f "$NATIVE/coremark-native" ] \
    && [ -z "$(find "$0" "$HERE/guest-flags.sh" "$PORT" "$INC" "$COREMARK" -newer "$DEST/coremark.elf" -print | head -n 1)" ]; then
    exit 0
fi

export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=0
. "$HERE/guest-flags.sh"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jvmm-coremark.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

# What CoreMark reports as its compiler flags: the target and optimisation it asks about.
FLAGS="-O2 $GUEST32_CFLAGS"
cflags="$GUEST_CFLAGS $GUEST32_CFLAGS -mgeneral-regs-only -ffile-prefix-map=$COREMARK=coremark"
includes="-I $PORT -I $COREMARK -I $INC"

as --32 --noexecstack --defsym BOOT_CMDLINE=1 -I "$INC" -o "$WORK/start.o" "$INC/start32.S"
guest_only="$WORK/start.o"
for c in "$INC/console_common.c" "$INC/console_serial.c" "$INC/libc.c" "$PORT/clock_pit.c"; do
    gcc $cflags $includes -c "$c" -o "$WORK/guest-$(basename "$c" .c).o"
    guest_only="$guest_only $WORK/guest-$(basename "$c" .c).o"
done
# kernel_objects DIR CFLAGS REPORTED_FLAGS: the port and CoreMark's core compiled into DIR, the
# object names on stdout. CoreMark's main becomes coremark_main, which the port's kernel_main calls.
kernel_objects() {
    mkdir -p "$1"
    gcc $2 $includes "-DFLAGS_STR=\"$3\"" -c "$PORT/core_portme.c" -o "$1/core_portme.o"
    echo "$1/core_portme.o"
    for c in $CORE_FILES; do
        gcc $2 $includes "-DFLAGS_STR=\"$3\"" -Dmain=coremark_main -c "$COREMARK/$c" -o "$1/${c%.c}.o"
        echo "$1/${c%.c}.o"
    done
}
kernel=$(kernel_objects "$WORK/guest" "$cflags" "$FLAGS")
ld -m elf_i386 $LDFLAGS -T "$INC/multiboot.ld" -o "$WORK/coremark.elf" $guest_only $kernel

# The native program: the guest's own kernel objects in a 32-bit host program where the host runs
# 32-bit programs; on a kernel without IA-32 emulation the same sources built for x86-64 -O2.
# CoreMark's results depend only on its seeds and iteration count, so either is the oracle.
host="$INC/console_common.c $INC/console_host.c $PORT/clock_host.c"
gcc $HOST_CFLAGS -m32 -no-pie $includes -o "$WORK/coremark-native" $host $kernel
kind="i686: the guest's own CoreMark objects in a 32-bit Linux program"
if ! "$WORK/coremark-native" rounds=1 > /dev/null 2>&1; then
    kernel64=$(kernel_objects "$WORK/host64" "-O2 -m64 -ffile-prefix-map=$COREMARK=coremark" "-O2 -m64")
    gcc $HOST_CFLAGS -m64 $includes -o "$WORK/coremark-native" $host $kernel64
    kind="x86-64 -O2: the same sources built for 64-bit Linux (this host cannot run 32-bit programs)"
fi
if ! "$WORK/coremark-native" > "$WORK/coremark.expected"; then
    unavailable "the native run of CoreMark failed its own checks: $(tail -n 3 "$WORK/coremark.expected" | tr '\n' ' ')"
fi

cp "$WORK/coremark.elf" "$WORK/coremark.expected" "$DEST/"
cp "$WORK/coremark-native" "$NATIVE/"
echo "$kind" > "$NATIVE/coremark-native.txt"
rm -f "$DEST/coremark.unavailable"
echo "build-coremark: built coremark.elf ($(wc -c < "$DEST/coremark.elf") bytes) and $NATIVE/coremark-native" >&2
