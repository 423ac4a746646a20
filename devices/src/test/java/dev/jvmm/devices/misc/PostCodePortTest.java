package dev.jvmm.devices.misc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PostCodePortTest {
    @Test
    void recordsRecentCodesOldestFirstAndReadsBackTheLast() {
        PostCodePort post = new PostCodePort();
        assertEquals(-1, post.lastCode());
        assertEquals(0xff, post.read(0, 1));
        for (int i = 0; i < PostCodePort.HISTORY + 3; i++) post.write(0, 1, i);
        assertEquals(PostCodePort.HISTORY + 2, post.lastCode());
        assertEquals(PostCodePort.HISTORY + 2, post.read(0, 1));
        int[] recent = post.recentCodes();
        assertEquals(PostCodePort.HISTORY, recent.length);
        assertEquals(3, recent[0]);
        post.write(0, 2, 0x1234);
        assertEquals(0x34, post.lastCode());
        assertEquals(PostCodePort.HISTORY + 4, post.count());
        PostCodePort fresh = new PostCodePort();
        fresh.write(0, 1, 0xaa);
        fresh.write(0, 1, 0x55);
        assertArrayEquals(new int[] {0xaa, 0x55}, fresh.recentCodes());
    }
}
