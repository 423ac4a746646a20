package dev.jvmm.bench.kvm;

import dev.jvmm.core.bus.PortDevice;

/**
 * The Java twin of the C program's port handler, at {@link GuestLoop#PORT_DATA} (3 ports): a data
 * write adds its byte to a sum; START and DONE writes take the time. Nothing more, on purpose.
 */
final class SumDevice implements PortDevice {
    long sum;
    long count;
    long startNanos = -1;
    long doneNanos = -1;

    @Override
    public int read(int offset, int size) {
        return 0xFF;
    }

    @Override
    public void write(int offset, int size, int value) {
        switch (offset) {
            case 0 -> {
                sum += value & 0xFF;
                count++;
            }
            case 1 -> startNanos = System.nanoTime();
            case 2 -> doneNanos = System.nanoTime();
            default -> { }
        }
    }

    @Override
    public String name() {
        return "exit-roundtrip-sum";
    }
}
