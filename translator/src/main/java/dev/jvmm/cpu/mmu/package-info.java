/**
 * The software MMU: x86 paging (32-bit, PAE, 4-level) with a TLB, turning the linear addresses
 * that segmentation produces into guest physical addresses for {@code GuestMemory}, and raising
 * #PF with CR2 and the error code when a page is absent or the access is not allowed.
 */
package dev.jvmm.cpu.mmu;
