package dev.jvmm.cpu.simd;

/**
 * RCPPS/RCPSS and RSQRTPS/RSQRTSS (SSE, 0F 53 and 0F 52): the approximate reciprocal and reciprocal
 * square root of binary32 lanes. The SDM (vol. 2, RCPSS) only bounds the relative error by
 * 1.5 * 2^-12, and vendors differ: these are the results of the AMD host jvmm is checked against
 * (an EPYC, Zen), found by running the instruction on every input class there:
 * <ul>
 *   <li>MXCSR plays no part: no flags, no exceptions, rounding, FTZ and DAZ ignored;</li>
 *   <li>a result has 12 fraction bits, and depends on the top 12 fraction bits of the input (and for
 *       RSQRT on the exponent's parity); the exponent only scales it;</li>
 *   <li>the 4096 results of each are exactly {@code BASE[i >> 4] - STEP[(i >> 8) << 4 | (i & 15)]}
 *       for the 12-bit index i: a bipartite table, 256 bases and 16 slopes of 16 steps;</li>
 *   <li>zero and denormal inputs give an infinity of their sign; RCP of an infinity is a zero of its
 *       sign, and a result below the normal range is a zero of its sign; RSQRT of +inf is +0, of a
 *       negative non-zero (even -inf) the QNaN indefinite; NaNs come back quieted.</li>
 * </ul>
 */
public final class ApproximateReciprocal {
    private ApproximateReciprocal() {}

    private static final long SIGN = 0x8000_0000L, INFINITY = 0x7F80_0000L, QUIET = 0x40_0000L, INDEFINITE = 0xFFC0_0000L;

    private static final int[] RCP_BASE = hex("""
            ffefdefbff9ff81f62f43f25f07ee9ecbeaee91e74e57e3ae1ce00de4dc9dadd92d77d5cd41d26d0ccf2cd8cbeca4c8b
            c70c57c3ec25c0dbf4bdcbc4bacb94b7db65b4eb37b20b09af1adbac4aaea98a82a6ca56a41a2ba16a019ec9d79c29ae
            99898497095c94893492090d8f98e68d28bf8ac89988687486184f83c82a8188067f47e27d07bf7ad79c78a779768757
            7457347247137026f26e26d16c16b16a16916816726626526426336236146055f65e75d85c95ba5ac59d58f580572563
            55554753852a51d50f5014f34e64d84ca4bd4b04a249548847a46d46045344743a42d4204144073fb3ee3e23d63c93bd
            3b13a539938d38137536935e35234633b32f32431830d3022f62eb2e02d52ca2bf2b42a929e29328827e27326925e253
            24823e23422921f21520b2011f61ec1e21d81cf1c51bb1b11a719e19418a18117716e16415b15114813f13612c12311a
            1101070fe0f50ec0e30db0d20c90c00b70af0a609d09508c08407b07306a06205a051049041039030028020018010008""");
    private static final int[] RCP_STEP = base32("""
            023579bdfhikmoqs013568abdfgiklnp0134578abdeghjkm01245689acdeghik
            012346789bcdefhi012456789abcefgh0123456789abcdef01234556789abcde
            012234567889abcd0112345567899abc0122344567789aab011233455677899a
            0012233455677889001223345566788900112233455667780011223445566778""");
    private static final int[] RSQRT_EVEN_BASE = hex("""
            6a069568a67e67366965e65364863d63362861d6136085fe5f35e95df5d45ca5c05b65ac5a259958f58557b57256855f
            55554b54253952f52651d51450b5024f94f04e74de4d54cc4c34bb4b24a94a149849048747f47746e46645e45544d445
            43d43542d42541d41540d4053fd3f53ee3e63de3d73cf3c83c03b93b13aa3a239b39438c38537e37736f36836135a353
            34c34533e33733032932231b31530e3073002fa2f32ec2e62df2d92d22cc2c52bf2b82b22ac2a529f29929228c286280
            27927326d26726125b25524f24924323d23723122b22522021a21420e2092031fd1f71f21ec1e71e11db1d61d01cb1c5
            1c01bb1b51b01aa1a51a019a19519018a18518017b17617016b16616115c15715214d14814313e13913412f12a125120
            11a11611110c1071020fd0f90f40ef0ea0e60e10dc0d80d30ce0ca0c50c10bc0b70b30ae0aa0a50a109c09809308f08b
            08608207d07907507006c06806305f05b05705204e04a04604103d03903503102d02902402001c01801401000c008004""");
    private static final int[] RSQRT_EVEN_STEP = base32("""
            011233455677899a001223345567789900122334456677880012233445566778
            0011223344556677011122334455666700112223344555660011222334445566
            0001122233344555001112223334445500111222333444550111222333444455
            0001112222333444000111222233344400111122223333440011112222333344""");
    private static final int[] RSQRT_ODD_BASE = hex("""
            ffffeffdffd0fc0fb0fa1f92f82f73f64f55f46f37f28f1af0befceeeedfed1ec3eb5ea7e99e8be7de6fe61e54e46e39
            e2be1ee10e03df6de9ddcdcfdc2db5da9d9cd8fd83d76d6ad5dd51d44d38d2cd20d14d08cfccf0ce5cd9ccdcc2cb6cab
            c9ec93c88c7cc71c66c5bc50c45c3ac2fc24c19c0ec04bf9beebe4bd9bcfbc4bbabafba5b9bb91b86b7cb72b68b5eb54
            b4ab40b36b2cb22b19b0fb05afcaf2ae9adfad6accac3abaab0aa7a9ea94a8ba82a79a70a67a5ea55a4ca43a3ba32a29
            a21a18a0fa079fe9f69ed9e59dc9d49cb9c39bb9b29aa9a299999198998197997196996195995194994193993292a922
            91a91290b9038fb8f48ec8e58dd8d68ce8c78bf8b88b18a98a289b89488d88587e87787086986285b85484d84683f838
            83082982281c81580e8078007fa7f37ec7e67df7d87d27cb7c57be7b87b17ab7a479e79779178b78477e77877176b765
            75e75875274c74674073a73372d72772171b71570f7097036fd6f76f16eb6e56e06da6d46ce6c86c36bd6b76b16ac6a6""");
    private static final int[] RSQRT_ODD_STEP = base32("""
            01234567789abcde01233456789aabcd012234566789abbc0122344567789aab
            001223455677899a011233455667889a00122334456678890011223445566788
            0112233445566778001122334455667700112233344556670112223344556667
            0011122333445566001122233444555600111223334455560001112233344455""");

    private static int[] hex(String s) {
        s = s.replaceAll("\\s", "");
        int[] t = new int[s.length() / 3];
        for (int k = 0; k < t.length; k++) t[k] = Integer.parseInt(s.substring(3 * k, 3 * k + 3), 16);
        return t;
    }

    private static int[] base32(String s) {
        s = s.replaceAll("\\s", "");
        int[] t = new int[s.length()];
        for (int k = 0; k < t.length; k++) t[k] = Character.digit(s.charAt(k), 32);
        return t;
    }

    /** The 12 result fraction bits for the 12-bit index {@code i}. */
    private static long lookUp(int[] base, int[] step, int i) {
        return base[i >> 4] - step[(i >> 8) << 4 | (i & 15)];
    }

    /** RCPSS of one binary32 lane (the low 32 bits of {@code v}). */
    public static long reciprocal(long v) {
        long sign = v & SIGN;
        int e = (int) (v >>> 23) & 0xFF;
        long fraction = v & 0x7F_FFFF;
        if (e == 0xFF) return fraction != 0 ? v | QUIET : sign;
        if (e == 0) return sign | INFINITY;
        int exponent = 253 - e; // a result in [0.5, 1) for an input in [1, 2)
        if (exponent <= 0) return sign;
        return sign | (long) exponent << 23 | lookUp(RCP_BASE, RCP_STEP, (int) (fraction >>> 11)) << 11;
    }

    /** RSQRTSS of one binary32 lane (the low 32 bits of {@code v}). */
    public static long reciprocalSqrt(long v) {
        long sign = v & SIGN;
        int e = (int) (v >>> 23) & 0xFF;
        long fraction = v & 0x7F_FFFF;
        if (e == 0xFF && fraction != 0) return v | QUIET;
        if (e == 0) return sign | INFINITY;
        if (sign != 0) return INDEFINITE;
        if (e == 0xFF) return 0;
        int i = (int) (fraction >>> 11);
        if ((e & 1) != 0) { // [1, 2) times a power of four: a result in (0.5, 1]
            return (long) (126 - (e - 127) / 2) << 23 | lookUp(RSQRT_ODD_BASE, RSQRT_ODD_STEP, i) << 11;
        }
        return (long) (127 - (e - 126) / 2) << 23 | lookUp(RSQRT_EVEN_BASE, RSQRT_EVEN_STEP, i) << 11;
    }
}
