package org.skillearn.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link ImageDataset#first}: a prefix of the images, in order. */
class ImageDatasetFirstTest {

    @Test
    void takesThePrefixInOrderOrTheWholeDataset() {
        ImageDataset d = TestData.pattern(10, 1, 2, 2, 3);
        ImageDataset head = d.first(4);
        assertEquals(4, head.size());
        assertEquals(d.name() + "[0:4]", head.name());
        for (int i = 0; i < 4; i++) {
            assertEquals(d.label(i), head.label(i));
        }
        assertSame(d, d.first(10));
        assertSame(d, d.first(25));
        assertEquals(0, d.first(0).size());
        assertThrows(IllegalArgumentException.class, () -> d.first(-1));
    }
}
