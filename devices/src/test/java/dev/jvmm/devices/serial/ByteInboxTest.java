package dev.jvmm.devices.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteInboxTest {
    @Test
    void fifoOrderBoundedCapacityAndWrapAround() {
        ByteInbox inbox = new ByteInbox(8);
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(8, inbox.offer(data, 0, 10), "only capacity bytes are taken");
        assertEquals(1, inbox.poll());
        assertEquals(2, inbox.poll());
        assertEquals(2, inbox.offer(data, 8, 2));
        for (int expect = 3; expect <= 10; expect++) assertEquals(expect, inbox.poll());
        assertEquals(-1, inbox.poll());
        inbox.offer(new byte[] {(byte) 0xff}, 0, 1);
        assertEquals(0xff, inbox.poll(), "bytes come out unsigned");
    }

    @Test
    void producerThreadAndConsumerSeeEveryByteInOrder() throws InterruptedException {
        ByteInbox inbox = new ByteInbox(256);
        int total = 100_000;
        Thread producer = new Thread(() -> {
            byte[] chunk = new byte[100];
            for (int sent = 0; sent < total; ) {
                int n = Math.min(chunk.length, total - sent);
                for (int i = 0; i < n; i++) chunk[i] = (byte) (sent + i);
                int off = 0;
                while (off < n) {
                    int taken = inbox.offer(chunk, off, n - off);
                    if (taken == 0) Thread.yield();
                    off += taken;
                }
                sent += n;
            }
        });
        producer.start();
        for (int i = 0; i < total; i++) {
            int b;
            while ((b = inbox.poll()) < 0) Thread.yield();
            assertEquals(i & 0xff, b);
        }
        producer.join();
    }
}
