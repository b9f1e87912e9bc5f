package dev.nexus.costs.alerts;

import dev.nexus.costs.json.Json;
import dev.nexus.costs.projects.Project;
import dev.nexus.costs.projects.ProjectRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each alert to its project's {@code config.alertWebhookUrl}, retrying failures with doubling delays.
 * Sending is asynchronous and bounded: a slow or dead webhook never holds up anything else, and past
 * {@link #MAX_IN_FLIGHT} deliveries new ones are dropped and counted.
 *
 * <p>Thread-safe.
 */
public final class WebhookSender implements AlertSink, AutoCloseable {

    static final int MAX_IN_FLIGHT = 10_000;
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ProjectRegistry projects;
    private final int maxAttempts;
    private final Duration firstRetryDelay;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "nexus-webhook-retries");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();

    public WebhookSender(ProjectRegistry projects, int maxAttempts, Duration firstRetryDelay) {
        this.projects = projects;
        this.maxAttempts = maxAttempts;
        this.firstRetryDelay = firstRetryDelay;
    }

    @Override
    public void deliver(Alert alert) {
        Project project = projects.project(alert.projectId()).orElse(null);
        if (project == null || project.budgets().alertWebhook().isEmpty()) {
            return;
        }
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            abandoned.incrementAndGet();
            log.warn("Dropped a webhook alert for project {}: {} deliveries are already waiting", project.id(),
                    MAX_IN_FLIGHT);
            return;
        }
        attempt(project.budgets().alertWebhook().get(), Json.write(AlertJson.of(alert)), 1);
    }

    public long delivered() {
        return delivered.get();
    }

    public long failedAttempts() {
        return failedAttempts.get();
    }

    public long abandoned() {
        return abandoned.get();
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }

    private void attempt(URI url, String body, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                delivered.incrementAndGet();
                inFlight.decrementAndGet();
                return;
            }
            failedAttempts.incrementAndGet();
            String why = error != null ? error.toString() : "status " + response.statusCode();
            if (attempt >= maxAttempts) {
                abandoned.incrementAndGet();
                inFlight.decrementAndGet();
                log.error("Gave up posting an alert to {} after {} attempts; last: {}", url, attempt, why);
                return;
            }
            long delayMs = firstRetryDelay.toMillis() << (attempt - 1);
            log.warn("Posting an alert to {} failed ({}); attempt {} of {} in {} ms", url, why, attempt + 1,
                    maxAttempts, delayMs);
            retries.schedule(() -> attempt(url, body, attempt + 1), delayMs, TimeUnit.MILLISECONDS);
        });
    }
}
