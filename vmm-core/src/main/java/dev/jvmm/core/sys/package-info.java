/** Thin FFM bindings to the host C library that more than one part of jvmm needs ({@code mmap}). */
package dev.jvmm.core.sys;
