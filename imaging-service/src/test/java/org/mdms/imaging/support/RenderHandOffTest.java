package org.mdms.imaging.support;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The bound of the hand-off from upload to render: per body, in total, and the room given back once. */
class RenderHandOffTest {

    @Test
    void keepsBodiesWithinBothLimitsAndGivesTheRoomBackOnce() throws IOException {
        RenderHandOff handOff = new RenderHandOff(100, 250);
        byte[] body = new byte[120];
        body[3] = 7;
        assertNull(handOff.keep(body, 120), "above the per-body limit: the render reads the bucket");
        assertNull(handOff.keep(new byte[300], 90), "a buffer far larger than what it holds counts whole");

        RenderHandOff.Body first = handOff.keep(body, 90);
        assertNotNull(first);
        assertEquals(90, first.open().readAllBytes().length, "only the received part is handed over");
        assertEquals(7, first.open().readAllBytes()[3]);
        RenderHandOff.Body second = handOff.keep(new byte[100], 100);
        assertNotNull(second);
        assertEquals(220, handOff.held());
        assertNull(handOff.keep(new byte[40], 40), "past the total: refused, nothing held for it");
        assertEquals(220, handOff.held());

        first.release();
        first.release();
        assertEquals(100, handOff.held(), "a second release gives nothing back twice");
        RenderHandOff.Body third = handOff.keep(new byte[40], 40);
        assertNotNull(third);
        second.release();
        third.release();
        assertEquals(0, handOff.held());
    }
}
