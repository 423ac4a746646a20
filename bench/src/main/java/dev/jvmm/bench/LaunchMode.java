package dev.jvmm.bench;

/** How a jvmm engine run is started. */
public enum LaunchMode {
    /**
     * {@code $JAVA_HOME/bin/java <the flags ./jvmm uses> -cp launcher/target/... dev.jvmm.launcher.Main run ...}:
     * the JVM alone, as ./jvmm ends up exec'ing it. The default, because the script first starts a
     * second JVM to check the JDK version and may start a Maven build when sources changed, which would
     * be timed as if it were the engine.
     */
    JAVA,
    /** {@code <repo>/jvmm run ...}: exactly what a user types, script overhead included. */
    SCRIPT
}
