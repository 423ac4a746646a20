package dev.jvmm.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Throttle;

/** One KVM_RUN: its duration is the time in the guest (and KVM), its reason why it came back. */
@Name("jvmm.KvmExit")
@Label("KVM Exit")
@Category({"jvmm", "KVM"})
@Description("KVM_RUN returned to jvmm; sampled")
@Throttle("1000/s")
public final class KvmExitEvent extends Event {
    @Label("Reason") @Description("kvm_run.exit_reason, by name (IO, MMIO, HLT, ...)")
    public String reason;
    @Label("RIP") @Description("Where the guest was, for exits that read the registers anyway; else -1")
    public long rip = -1;
}
