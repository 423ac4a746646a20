package dev.jvmm.cpu.interp;

/**
 * One-operand MUL and IMUL with a byte, word or doubleword operand (SDM vol. 2, "MUL", "IMUL"),
 * defined once: the interpreter ({@link Muldiv}) and translated units ({@code jit.ArithmeticEmitter})
 * both call these. The product of AL, AX or EAX and the operand fits in a long: its low half goes to
 * AL, AX or EAX and its high half to AH, DX or EDX. CF and OF say that the high half is needed
 * (the overflow methods); the other flags are {@link ArithmeticFlags#multiply}'s.
 */
public final class Multiplication {
    private Multiplication() {}

    /** MUL: the zero-extended operands' product. */
    public static long unsigned(int size, long a, long b) {
        long m = ArithmeticFlags.mask(size);
        return (a & m) * (b & m);
    }

    /** IMUL: the sign-extended operands' product. */
    public static long signed(int size, long a, long b) {
        return ArithmeticFlags.signExtend(size, a) * ArithmeticFlags.signExtend(size, b);
    }

    /** CF = OF after MUL: the product does not fit in {@code size} bytes. */
    public static boolean unsignedOverflow(int size, long product) {
        return product >>> (size * 8) != 0;
    }

    /** CF = OF after IMUL: the product is not its low {@code size} bytes sign-extended. */
    public static boolean signedOverflow(int size, long product) {
        return ArithmeticFlags.signExtend(size, product) != product;
    }
}
