/**
 * JMH microbenchmarks of the pieces every engine leans on: port dispatch ({@link
 * dev.jvmm.bench.micro.PortBusBench}), guest RAM access ({@link dev.jvmm.bench.micro.GuestMemoryBench}),
 * the kernel loaders ({@link dev.jvmm.bench.micro.LoaderBench}), the x86 decoder ({@link
 * dev.jvmm.bench.micro.DecoderBench}), one interpreter step ({@link dev.jvmm.bench.micro.InterpreterBench}),
 * translating one hot region into a hidden class ({@link dev.jvmm.bench.micro.TranslationBench}) and the soft
 * MMU's TLB hit and miss paths ({@link dev.jvmm.bench.micro.SoftTlbBench}), and scalar and packed double
 * arithmetic on the interpreter and in a translated unit ({@link dev.jvmm.bench.micro.FpBench}).
 *
 * <p>Defaults are short (a 2-core machine shared with builds): 2 warm-up and 3 measured iterations of one
 * second, one fork. Run them after {@code ./mvnw -pl bench package}:
 * <pre>{@code
 * java -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main PortBus
 * }</pre>
 */
package dev.jvmm.bench.micro;
