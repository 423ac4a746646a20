package dev.jvmm.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Throttle;

/** A port access, sampled: which device the guest talks to, and how often, on the timeline. */
@Name("jvmm.PortIo")
@Label("Port I/O")
@Category({"jvmm", "Devices"})
@Description("An IN or OUT, sampled (at most 200 a second)")
@Throttle("200/s")
public final class PortIoEvent extends Event {
    @Label("Port")
    public int port;
    @Label("Size")
    public int size;
    @Label("Write")
    public boolean write;
    @Label("Value")
    public int value;
    @Label("Device") @Description("The owning device's name, or \"unowned\"")
    public String device;
}
