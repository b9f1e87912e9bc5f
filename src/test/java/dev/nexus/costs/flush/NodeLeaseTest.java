package dev.nexus.costs.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.costs.support.TestNexus;
import org.junit.jupiter.api.Test;

/** Two instances on one database must not run under one node id: their flushed counters would collide. */
class NodeLeaseTest {

    @Test
    void aSecondInstanceUnderTheSameNodeIdRefusesToStart() {
        try (TestNexus first = TestNexus.create().open();
             TestNexus second = first.peer("node-a")) {

            IllegalStateException refused = assertThrows(IllegalStateException.class, second::open);

            assertTrue(refused.getMessage().contains("NEXUS_NODE_ID"), refused.getMessage());
        }
    }

    @Test
    void theNodeIdIsFreeAgainOnceTheFirstInstanceStops() {
        try (TestNexus first = TestNexus.create().open();
             TestNexus second = first.peer("node-a")) {
            first.stop();

            second.open();

            assertEquals(200, second.api().get("/api/v1/projects").status());
        }
    }
}
