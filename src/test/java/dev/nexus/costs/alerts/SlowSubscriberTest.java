package dev.nexus.costs.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.costs.support.AlertInbox;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A subscriber that never reads is closed and holds up neither ingest nor other subscribers. */
class SlowSubscriberTest {

    private static final int THRESHOLDS = 500;
    private TestNexus nexus;
    private Api api;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create().set("NEXUS_SOCKET_SEND_BUFFER_BYTES", "8192");
        api = nexus.api();
        String thresholds = IntStream.rangeClosed(1, THRESHOLDS).mapToObj(Integer::toString)
                .collect(Collectors.joining(","));
        api.post("/api/v1/projects", "{\"id\": \"p1\", \"config\": {\"costConfig\": {\"dailyBudgetUSD\": 1, "
                + "\"alertThresholds\": [" + thresholds + "]}}}");
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void aSubscriberThatNeverReadsIsEvictedWhileIngestAndOthersGoOn() throws Exception {
        try (Socket stalled = subscribeWithoutReading();
             AlertInbox reader = AlertInbox.connect(api.origin(), "projectId=p1&token=" + TestNexus.ADMIN)) {

            api.post("/api/v1/usage", "{\"id\": \"big\", \"projectId\": \"p1\", \"costUsd\": 10}");
            for (int i = 0; i < 200; i++) {
                assertEquals(200, api.post("/api/v1/usage", "{\"id\": \"e" + i + "\", \"projectId\": \"p1\", "
                        + "\"costUsd\": 0.001}").status());
            }

            assertEquals(THRESHOLDS, reader.await(THRESHOLDS, Duration.ofSeconds(60)).size());
            assertTrue(evicted() >= 1, "the stalled subscriber should have been closed");
            assertTrue(stalled.isConnected());
        }
    }

    private double evicted() {
        String text = nexus.app().services().metrics().scrape();
        return text.lines().filter(line -> line.startsWith("nexus_ws_evicted_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    /** Opens the alert socket by hand with a tiny receive buffer, then never reads a frame. */
    private Socket subscribeWithoutReading() throws IOException {
        URI origin = URI.create(api.origin());
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress(origin.getHost(), origin.getPort()));
        String upgrade = "GET /api/v1/ws?projectId=p1&token=" + TestNexus.ADMIN + " HTTP/1.1\r\n"
                + "Host: " + origin.getHost() + ":" + origin.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(upgrade.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
        return socket;
    }
}
