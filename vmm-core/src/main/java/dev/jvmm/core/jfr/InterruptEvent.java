package dev.jvmm.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** An interrupt or exception delivered to the guest (QEMU's {@code -d int} as an event). */
@Name("jvmm.Interrupt")
@Label("Interrupt")
@Category({"jvmm", "CPU"})
@Description("An exception, software interrupt or external interrupt delivered to the guest")
public final class InterruptEvent extends Event {
    public static final String EXTERNAL = "external", EXCEPTION = "exception", SOFTWARE = "software";

    @Label("Vector")
    public int vector;
    @Label("Kind") @Description("external, exception or software")
    public String kind;
    @Label("Error Code") @Description("-1 where the event pushes none")
    public int errorCode;
    @Label("CS")
    public int cs;
    @Label("RIP") @Description("Where the interrupted (or faulting) code was")
    public long rip;
}
