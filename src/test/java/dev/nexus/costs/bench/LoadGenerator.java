package dev.nexus.costs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts batches of new usage events to a running service over HTTP and prints events per second and batch
 * latencies. It makes its own project (with ten agents) with the admin token, so it can run against any
 * service. Arguments, all optional: {@code url=http://localhost:7070 token=... batches=200 size=1000 threads=2
 * warmup=20}. Bounded: it sends {@code warmup + batches} batches and stops.
 */
public final class LoadGenerator {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;
    private final String project = "load-" + System.currentTimeMillis();

    private LoadGenerator(String url, String token) {
        this.url = url;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        Arrays.stream(args).map(arg -> arg.split("=", 2)).forEach(kv -> options.put(kv[0], kv[1]));
        String token = options.getOrDefault("token", System.getenv("NEXUS_ADMIN_TOKEN"));
        LoadGenerator load = new LoadGenerator(options.getOrDefault("url", "http://localhost:7070"), token);
        int size = Integer.parseInt(options.getOrDefault("size", "1000"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        load.setUp();

        load.run("warmup", Integer.parseInt(options.getOrDefault("warmup", "20")), size, threads);
        load.run("measured", Integer.parseInt(options.getOrDefault("batches", "200")), size, threads);
        System.exit(0);
    }

    private void setUp() throws IOException, InterruptedException {
        send("/api/v1/projects", "{\"id\": \"" + project + "\"}");
        for (int a = 0; a < 10; a++) {
            send("/api/v1/projects/" + project + "/agents", "{\"id\": \"a" + a + "\"}");
        }
    }

    private void run(String phase, int batches, int size, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long[] latenciesNanos = new long[batches];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                    long sent = System.nanoTime();
                    JsonNode reply = send("/api/v1/usage", batch(phase, b, size));
                    latenciesNanos[b] = System.nanoTime() - sent;
                    if (reply.path("accepted").asInt() != size) {
                        throw new IllegalStateException("batch " + b + " answered " + reply);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        Arrays.sort(latenciesNanos);
        System.out.printf("%s: %d batches of %d events on %d threads in %.2f s: %.0f events/s, batch latency "
                + "p50 %.1f ms, p99 %.1f ms%n", phase, batches, size, threads, elapsed / 1e9,
                batches * (double) size / (elapsed / 1e9), latenciesNanos[batches / 2] / 1e6,
                latenciesNanos[Math.min(batches - 1, batches * 99 / 100)] / 1e6);
    }

    /** Events of ten agents, half priced from the map (gpt-4o) and half with their cost given. */
    private String batch(String phase, int batch, int size) {
        StringBuilder body = new StringBuilder(size * 160).append("{\"events\": [");
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ", ").append("{\"id\": \"").append(phase).append('-').append(batch)
                    .append('-').append(i).append("\", \"projectId\": \"").append(project)
                    .append("\", \"agentId\": \"a").append(i % 10).append("\", \"sessionId\": \"s").append(i % 50)
                    .append(i % 2 == 0 ? "\", \"model\": \"gpt-4o\"" : "\", \"costUsd\": 0.00123")
                    .append(", \"inputTokens\": ").append(500 + i % 700).append(", \"outputTokens\": ")
                    .append(100 + i % 300).append('}');
        }
        return body.append("]}").toString();
    }

    private JsonNode send(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + " " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }
}
