package dev.jvmm.kvm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The binding's sizes, offsets and numbers, checked twice: against values recorded from
 * linux/kvm.h (always), and against a C program compiled with the host's gcc and headers (when they
 * exist; skipped with the reason printed otherwise).
 */
class KvmLayoutTest {
    /** Recorded from linux-libc-dev's linux/kvm.h and asm/kvm.h (x86-64), the ABI the kernel keeps stable. */
    static final Map<String, Long> RECORDED = new LinkedHashMap<>();

    static {
        RECORDED.put("sizeof(struct kvm_regs)", 144L);
        RECORDED.put("offsetof(struct kvm_regs, rcx)", 16L);
        RECORDED.put("offsetof(struct kvm_regs, rbx)", 8L);
        RECORDED.put("offsetof(struct kvm_regs, rsp)", 48L);
        RECORDED.put("offsetof(struct kvm_regs, rdi)", 40L);
        RECORDED.put("offsetof(struct kvm_regs, rip)", 128L);
        RECORDED.put("offsetof(struct kvm_regs, rflags)", 136L);
        RECORDED.put("sizeof(struct kvm_segment)", 24L);
        RECORDED.put("offsetof(struct kvm_segment, selector)", 12L);
        RECORDED.put("offsetof(struct kvm_segment, type)", 14L);
        RECORDED.put("offsetof(struct kvm_segment, unusable)", 22L);
        RECORDED.put("sizeof(struct kvm_dtable)", 16L);
        RECORDED.put("sizeof(struct kvm_sregs)", 312L);
        RECORDED.put("offsetof(struct kvm_sregs, ss)", 120L);
        RECORDED.put("offsetof(struct kvm_sregs, tr)", 144L);
        RECORDED.put("offsetof(struct kvm_sregs, gdt)", 192L);
        RECORDED.put("offsetof(struct kvm_sregs, cr0)", 224L);
        RECORDED.put("offsetof(struct kvm_sregs, efer)", 264L);
        RECORDED.put("offsetof(struct kvm_sregs, apic_base)", 272L);
        RECORDED.put("sizeof(struct kvm_fpu)", 416L);
        RECORDED.put("offsetof(struct kvm_fpu, mxcsr)", 408L);
        RECORDED.put("sizeof(struct kvm_msr_entry)", 16L);
        RECORDED.put("sizeof(struct kvm_cpuid_entry2)", 40L);
        RECORDED.put("sizeof(struct kvm_userspace_memory_region)", 32L);
        RECORDED.put("sizeof(struct kvm_translation)", 24L);
        RECORDED.put("sizeof(struct kvm_debugregs)", 128L);
        RECORDED.put("sizeof(struct kvm_vcpu_events)", 64L);
        RECORDED.put("offsetof(struct kvm_vcpu_events, interrupt.shadow)", 11L);
        RECORDED.put("offsetof(struct kvm_vcpu_events, exception_payload)", 56L);
        RECORDED.put("offsetof(struct kvm_run, exit_reason)", 8L);
        RECORDED.put("offsetof(struct kvm_run, ready_for_interrupt_injection)", 12L);
        RECORDED.put("offsetof(struct kvm_run, if_flag)", 13L);
        RECORDED.put("offsetof(struct kvm_run, io.direction)", 32L);
        RECORDED.put("offsetof(struct kvm_run, io.size)", 33L);
        RECORDED.put("offsetof(struct kvm_run, io.port)", 34L);
        RECORDED.put("offsetof(struct kvm_run, io.count)", 36L);
        RECORDED.put("offsetof(struct kvm_run, io.data_offset)", 40L);
        RECORDED.put("offsetof(struct kvm_run, mmio.phys_addr)", 32L);
        RECORDED.put("offsetof(struct kvm_run, mmio.data)", 40L);
        RECORDED.put("offsetof(struct kvm_run, mmio.len)", 48L);
        RECORDED.put("offsetof(struct kvm_run, mmio.is_write)", 52L);
        RECORDED.put("offsetof(struct kvm_run, internal.suberror)", 32L);
        RECORDED.put("offsetof(struct kvm_run, internal.data)", 40L);
        RECORDED.put("offsetof(struct kvm_run, emulation_failure.insn_size)", 48L);
        RECORDED.put("KVM_GET_API_VERSION", 0xAE00L);
        RECORDED.put("KVM_CREATE_VM", 0xAE01L);
        RECORDED.put("KVM_GET_VCPU_MMAP_SIZE", 0xAE04L);
        RECORDED.put("KVM_GET_SUPPORTED_CPUID", 0xC008AE05L);
        RECORDED.put("KVM_CREATE_VCPU", 0xAE41L);
        RECORDED.put("KVM_SET_USER_MEMORY_REGION", 0x4020AE46L);
        RECORDED.put("KVM_SET_TSS_ADDR", 0xAE47L);
        RECORDED.put("KVM_RUN", 0xAE80L);
        RECORDED.put("KVM_GET_REGS", 0x8090AE81L);
        RECORDED.put("KVM_SET_REGS", 0x4090AE82L);
        RECORDED.put("KVM_GET_SREGS", 0x8138AE83L);
        RECORDED.put("KVM_SET_SREGS", 0x4138AE84L);
        RECORDED.put("KVM_INTERRUPT", 0x4004AE86L);
        RECORDED.put("KVM_SET_MSRS", 0x4008AE89L);
        RECORDED.put("KVM_SET_FPU", 0x41A0AE8DL);
        RECORDED.put("KVM_SET_CPUID2", 0x4008AE90L);
        RECORDED.put("KVM_GET_VCPU_EVENTS", 0x8040AE9FL);
        RECORDED.put("KVM_SET_DEBUGREGS", 0x4080AEA2L);
        RECORDED.put("KVM_SET_GUEST_DEBUG", 0x4048AE9BL);
        RECORDED.put("offsetof(struct kvm_run, debug.arch.pc)", 40L);
        RECORDED.put("KVM_EXIT_IO", 2L);
        RECORDED.put("KVM_EXIT_HLT", 5L);
        RECORDED.put("KVM_EXIT_MMIO", 6L);
        RECORDED.put("KVM_EXIT_SHUTDOWN", 8L);
        RECORDED.put("KVM_EXIT_INTERNAL_ERROR", 17L);
        RECORDED.put("KVM_EXIT_SYSTEM_EVENT", 24L);
    }

    @Test
    void layoutsMatchRecordedHeaderValues() {
        Map<String, Long> java = StructOffsets.javaValues();
        List<String> wrong = new ArrayList<>();
        for (var e : RECORDED.entrySet()) {
            Long got = java.get(e.getKey());
            if (!e.getValue().equals(got)) wrong.add(String.format("%s: header 0x%x, Java %s", e.getKey(), e.getValue(),
                    got == null ? "missing" : String.format("0x%x", got)));
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void layoutsMatchACProgramCompiledAgainstTheHostHeaders() throws Exception {
        Path gcc = findOnPath("gcc");
        boolean headers = Files.exists(Path.of("/usr/include/linux/kvm.h"));
        if (gcc == null || !headers) {
            String why = gcc == null ? "gcc not found on PATH" : "/usr/include/linux/kvm.h absent (apt-get install linux-libc-dev)";
            System.out.println("skipping C layout check: " + why);
            assumeTrue(false, why);
        }
        Map<String, Long> java = StructOffsets.javaValues();
        Path dir = Files.createTempDirectory("jvmm-kvm-layout");
        try {
            StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include <linux/kvm.h>\nint main(void) {\n");
            for (String expr : java.keySet()) {
                c.append("  printf(\"%llu\\n\", (unsigned long long) (").append(expr).append("));\n");
            }
            c.append("  return 0;\n}\n");
            Path source = dir.resolve("offsets.c"), binary = dir.resolve("offsets");
            Files.writeString(source, c.toString());
            String compile = run(List.of(gcc.toString(), "-o", binary.toString(), source.toString()));
            List<String> lines = run(List.of(binary.toString())).lines().toList();
            assertEquals(java.size(), lines.size(), "C program output:\n" + compile + String.join("\n", lines));
            List<String> wrong = new ArrayList<>();
            int i = 0;
            for (var e : java.entrySet()) {
                long cValue = Long.parseUnsignedLong(lines.get(i++).trim());
                if (cValue != e.getValue()) wrong.add(String.format("%s: C 0x%x, Java 0x%x", e.getKey(), cValue, e.getValue()));
            }
            assertEquals(List.of(), wrong);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    private static Path findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }
}
