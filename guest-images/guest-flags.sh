# guest-flags.sh - the compiler and linker flags of the freestanding C guests, sourced by build.sh
# and build-coremark.sh (which set SRC to src/guest first) so every C guest is built the same way.
LDFLAGS="--build-id=none -n"
# Freestanding code, no PIC, no stack protector, no unwind tables or .comment; GCC must not
# turn loops into memset calls inside memset itself. c_kernel adds -mgeneral-regs-only (no
# x87/SSE state to set up) except for kernels that ask for the FPU.
GUEST_CFLAGS="-O2 -std=c11 -Wall -Wextra -Werror -ffreestanding -fno-pic -fno-pie
 -fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-ident
 -fno-tree-loop-distribute-patterns -ffile-prefix-map=$SRC=."
HOST_CFLAGS="-O2 -std=c11 -Wall -Wextra -Werror"
# The 32-bit guests' target: i686, as CoreMark's and the mixed guest's reports say.
GUEST32_CFLAGS="-m32 -march=i686"
