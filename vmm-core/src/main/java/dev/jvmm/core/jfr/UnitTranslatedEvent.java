package dev.jvmm.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Event;

/** The translator made a unit (its duration is the translation: decode, emit, define the hidden class). */
@Name("jvmm.UnitTranslated")
@Label("Unit Translated")
@Category({"jvmm", "Translator"})
@Description("A region of guest code translated into a JVM hidden class")
public final class UnitTranslatedEvent extends Event {
    @Label("Guest Address") @Description("Linear address (RIP) of the unit's entry")
    public long guestAddress;
    @Label("Physical Address") @Description("Guest physical address of the unit's entry")
    public long physicalAddress;
    @Label("Guest Bytes") @DataAmount @Description("Bytes of guest code the unit covers")
    public int guestBytes;
    @Label("Guest Instructions")
    public int guestInstructions;
    @Label("Bytecode Bytes") @DataAmount @Description("Length of the unit's run method's bytecode")
    public int bytecodeBytes;
}
