package dev.jvmm.core.boot;

/**
 * Recognises files that are certainly not raw x86 code, so that {@code jvmm run --kernel picture.png}
 * says so instead of executing the bytes of a PNG. Magic numbers from each format's specification.
 */
final class ForeignFormats {
    private ForeignFormats() {}

    /** A short description of what the file is, or null if it may well be raw x86 code. */
    static String identify(byte[] b) {
        if (starts(b, 0x1F, 0x8B)) return "a gzip file (decompress it first)";
        if (starts(b, 'P', 'K', 3, 4)) return "a zip archive";
        if (starts(b, 0x89, 'P', 'N', 'G')) return "a PNG picture";
        if (starts(b, '%', 'P', 'D', 'F')) return "a PDF document";
        if (starts(b, '#', '!')) return "a script (starts with #!)";
        if (starts(b, 0xCA, 0xFE, 0xBA, 0xBE)) return "a Java class file or Mach-O fat binary";
        if (starts(b, 0xCF, 0xFA, 0xED, 0xFE) || starts(b, 0xCE, 0xFA, 0xED, 0xFE)) return "a Mach-O executable";
        if (starts(b, 'M', 'Z')) return "a DOS/Windows MZ executable";
        return null;
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) return false;
        }
        return true;
    }
}
