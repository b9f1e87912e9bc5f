package dev.nexus.costs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceTargetTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutATokenSetItReadsTheOneKeptInTheDataDirectory() throws IOException {
        Files.writeString(dataDir.resolve("admin-token"), "nxa_kept\n");

        ServiceTarget target = ServiceTarget.fromEnvironment(Map.of("NEXUS_DATA_DIR", dataDir.toString()));

        assertEquals("nxa_kept", target.adminToken());
        assertEquals(URI.create("http://localhost:7070"), target.url());
    }

    @Test
    void aTokenSetInTheEnvironmentWins() throws IOException {
        Files.writeString(dataDir.resolve("admin-token"), "nxa_kept\n");

        ServiceTarget target = ServiceTarget.fromEnvironment(Map.of("NEXUS_DATA_DIR", dataDir.toString(),
                "NEXUS_ADMIN_TOKEN", "set", "NEXUS_URL", "http://localhost:7081/"));

        assertEquals("set", target.adminToken());
        assertEquals(URI.create("http://localhost:7081"), target.url());
    }

    @Test
    void noTokenAnywhereSaysWhereItLooked() {
        ReplayException e = assertThrows(ReplayException.class,
                () -> ServiceTarget.fromEnvironment(Map.of("NEXUS_DATA_DIR", dataDir.toString())));

        assertTrue(e.getMessage().contains(dataDir.resolve("admin-token").toString()), e.getMessage());
    }

    @Test
    void aUrlThatIsNotHttpIsRefused() {
        assertThrows(ReplayException.class, () -> ServiceTarget.fromEnvironment(Map.of("NEXUS_URL", "localhost:7070",
                "NEXUS_ADMIN_TOKEN", "t")));
    }
}
