/**
 * The catalogue of guest images that ship with jvmm: tiny x86 kernels that print on COM1 and end by
 * writing a result to QEMU's isa-debug-exit port (0xf4), 0 meaning success.
 *
 * <p>They are the end-to-end fixtures of every engine and device, and what a user boots first:
 * <pre>{@code
 * Guest guest = GuestCatalog.byName("hello-pm32");   // or GuestCatalog.DEFAULT
 * byte[] image = guest.bytes();                      // multiboot ELF32, see guest.format()
 * // ... boot it, collect COM1 output and the isa-debug-exit value, then:
 * boolean ok = guest.expectedOutput().matches(serialText) && exitValue == guest.expectedExitValue();
 * }</pre>
 *
 * <p>{@link dev.jvmm.guests.Guest#needs()} names what a guest needs that some engines lack (an A20 gate,
 * paging outside long mode), so an engine's tests can skip exactly those. ELF64 guests run on QEMU through
 * {@link dev.jvmm.guests.GuestCatalog#elf64BootShim()}.
 *
 * <p>The images are built from {@code guest-images/src/guest} (GNU as/ld, freestanding gcc) by
 * {@code guest-images/build.sh} and committed, so using them needs no cross toolchain;
 * {@code build.sh --check} proves the committed bytes come from the committed sources.
 */
package dev.jvmm.guests;
