package dev.jvmm.launcher;

/** Parses memory sizes the way QEMU's {@code -m} does: a plain number is MiB; K, M, G, T suffixes. */
final class SizeParser {
    private SizeParser() {}

    static long parseBytes(String text) {
        String t = text.trim();
        if (t.startsWith("size=")) t = t.substring(5);
        if (t.isEmpty()) throw new IllegalArgumentException("empty memory size");
        char last = Character.toUpperCase(t.charAt(t.length() - 1));
        long unit = switch (last) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            case 'T' -> 1L << 40;
            case 'B' -> 1;
            default -> -1;
        };
        String digits = unit == -1 ? t : t.substring(0, t.length() - 1);
        if (unit == -1) unit = 1L << 20;
        try {
            double value = Double.parseDouble(digits);
            if (!(value > 0) || Double.isInfinite(value) || value * unit > (double) (1L << 50)) {
                throw new IllegalArgumentException("memory size out of range: " + text);
            }
            return (long) (value * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a memory size: '" + text + "' (examples: 64, 64M, 1G)");
        }
    }
}
