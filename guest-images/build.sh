#!/bin/sh
# Rebuild every guest image from src/guest into a temporary directory, then either install the
# images as resources (./build.sh) or check that the committed ones are byte-identical
# (./build.sh --check; exit 1 naming the images that differ). ./build.sh --toolchain prints
# the tool versions; installing records them in src/guest/toolchain.txt, since another
# version of as/ld/gcc may legitimately produce other bytes.
#
# Needs the GNU toolchain: as, ld, objcopy, gcc with -m32 support (Debian: binutils,
# gcc, gcc-multilib). Builds are reproducible: relative source paths, no build ids, no
# .comment sections, C locale, UTC and SOURCE_DATE_EPOCH fixed.
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
LDFLAGS="--build-id=none -n"

# asm_real NAME: a 16-bit boot sector, linked as a flat binary at 0x7C00.
asm_real() {
    (cd "$SRC/$1" && as --32 -I "$INC" -o "$WORK/$1.o" "$1.S")
    ld -m elf_i386 $LDFLAGS -T "$SRC/$1/link.ld" -o "$WORK/$1.bin" "$WORK/$1.o"
}

# asm_multiboot NAME: a multiboot v1 ELF32 kernel from one assembly file.
asm_multiboot() {
    (cd "$SRC/$1" && as --32 -I "$INC" -o "$WORK/$1.o" "$1.S")
    ld -m elf_i386 $LDFLAGS -T "$INC/multiboot.ld" -o "$WORK/$1.elf" "$WORK/$1.o"
}

# asm_elf64 NAME: a plain x86-64 ELF entered in long mode.
asm_elf64() {
    (cd "$SRC/$1" && as --64 -I "$INC" -o "$WORK/$1.o" "$1.S")
    ld -m elf_x86_64 $LDFLAGS -T "$INC/elf64.ld" -o "$WORK/$1.elf" "$WORK/$1.o"
}

asm_real      hello-real
asm_multiboot hello-pm32
asm_multiboot hello-lm64
asm_elf64     hello-elf64
asm_multiboot pit-irq
asm_multiboot uart-loopback
asm_multiboot rtc-read
asm_multiboot pci-hostbridge
asm_multiboot exceptions32
asm_multiboot smc32

# Everything built above (except intermediate objects) is an installable artefact.
rm -f "$WORK"/*.o

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
if [ "$status" -eq 0 ]; then
    echo "all guest images match their sources"
elif ! toolchain | cmp -s - "$SRC/toolchain.txt"; then
    echo "note: the committed images were built with:" >&2
    cat "$SRC/toolchain.txt" >&2
fi
exit "$status"
