package dev.jvmm.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A guest write hit translated code: the units covering it were dropped (self-modifying code, code loading). */
@Name("jvmm.UnitsInvalidated")
@Label("Units Invalidated")
@Category({"jvmm", "Translator"})
@Description("Translated units dropped because the guest wrote over their code")
public final class UnitsInvalidatedEvent extends Event {
    @Label("Physical Address") @Description("Guest physical address of the write")
    public long physicalAddress;
    @Label("Write Size") @DataAmount
    public int writeBytes;
    @Label("Units Dropped")
    public int units;
}
