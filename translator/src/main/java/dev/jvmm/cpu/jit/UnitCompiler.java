package dev.jvmm.cpu.jit;

import static java.lang.constant.ConstantDescs.*;

import dev.jvmm.cpu.interp.Cpu;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessFlag;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a {@link Region} into a loaded {@link CompiledUnit}: one hidden class per unit, built with
 * the JDK's {@code java.lang.classfile} API and defined with
 * {@link MethodHandles.Lookup#defineHiddenClassWithClassData}. The class data is the list
 * (region, FastMem, TLB entries, RAM segment, Unsafe or a placeholder): the region is kept for traces and reports,
 * and the code loads the others as constants ({@link UnitEmitter#FAST_MEM} and friends), which
 * lets HotSpot fold the TLB arrays' bounds and the RAM segment's checks into the compiled unit. Hidden classes are not strongly held by their
 * defining loader, so once the translation cache drops a unit its class can be unloaded.
 */
final class UnitCompiler {
    /**
     * HotSpot refuses to compile methods over 8000 bytecode bytes ({@code -XX:HugeMethodLimit},
     * with {@code DontCompileHugeMethods}: such a method stays in HotSpot's bytecode interpreter,
     * many times slower), and the size is measured exactly, so the limit is HotSpot's own. (A lower
     * limit cut sort32's whole quicksort in two units that left each other on every partition; as
     * one unit it leaves only at budget checks. Figures in {@code bench/results/design-measurements.md}.)
     */
    static final int MAX_CODE_BYTES = 8000;
    /** Class data elements before {@link Region#classConstants}: region, FastMem, TLB, RAM, Unsafe. */
    static final int FIXED_CLASS_DATA = 5;
    static final ClassDesc CD_UNIT = ClassDesc.of(CompiledUnit.class.getName());
    static final MethodTypeDesc MTD_RUN = MethodTypeDesc.of(CD_int, ClassDesc.of(Cpu.class.getName()),
            ClassDesc.of(JitRuntime.class.getName()));
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    /** A compiled unit with its class bytes (for traces). */
    record Compiled(CompiledUnit unit, byte[] classBytes, int codeBytes) {}

    private UnitCompiler() {}

    static byte[] classBytes(Region region) {
        String name = UnitCompiler.class.getPackageName() + ".Unit_" + Long.toHexString(region.key.entryRip()) + "_"
                + SEQUENCE.incrementAndGet();
        return ClassFile.of().build(ClassDesc.of(name), cb -> {
            cb.withFlags(AccessFlag.FINAL, AccessFlag.SYNTHETIC);
            cb.withInterfaceSymbols(CD_UNIT);
            cb.withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC,
                    code -> code.aload(0).invokespecial(CD_Object, INIT_NAME, MTD_void).return_());
            cb.withMethodBody("run", MTD_RUN, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                    code -> new UnitEmitter(code, region).emit());
        });
    }

    static int runCodeLength(byte[] bytes) {
        ClassModel cm = ClassFile.of().parse(bytes);
        for (MethodModel m : cm.methods()) {
            if (m.methodName().equalsString("run")) {
                return m.findAttribute(java.lang.classfile.Attributes.code()).map(CodeAttribute::codeLength).orElse(0);
            }
        }
        return 0;
    }

    static Compiled define(Region region, FastMem fastMem, byte[] bytes, int codeBytes) throws ReflectiveOperationException {
        if (region.rawMemory && !fastMem.raw()) throw new IllegalArgumentException("a raw-memory unit needs a raw-memory FastMem");
        Object unsafe = fastMem.raw() ? fastMem.unsafe() : fastMem; // element 4 is loaded only by raw-memory units
        List<Object> data = new java.util.ArrayList<>(List.of(region, fastMem, fastMem.tlb(), fastMem.ram(), unsafe));
        data.addAll(region.classConstants); // from FIXED_CLASS_DATA on
        MethodHandles.Lookup hidden = LOOKUP.defineHiddenClassWithClassData(bytes, List.copyOf(data), true);
        Object unit;
        try {
            unit = hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable t) {
            throw new ReflectiveOperationException("cannot instantiate unit", t);
        }
        return new Compiled((CompiledUnit) unit, bytes, codeBytes);
    }
}
