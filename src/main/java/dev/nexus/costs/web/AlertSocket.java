package dev.nexus.costs.web;

import dev.nexus.costs.alerts.Alert;
import dev.nexus.costs.alerts.AlertJson;
import dev.nexus.costs.alerts.AlertSink;
import dev.nexus.costs.auth.ApiKeys;
import dev.nexus.costs.auth.Authenticator;
import dev.nexus.costs.auth.Principal;
import dev.nexus.costs.json.Json;
import dev.nexus.costs.projects.ProjectRegistry;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert WebSocket: subscribers of one project (or, for the admin, of all) receive each alert as it is sent.
 *
 * <p>A client that stops reading cannot hold anything up: each connection may have at most
 * {@link #MAX_QUEUED_FRAMES} messages waiting to be written (Jetty's own queue is unbounded), and one that
 * passes that is closed. Connections are pinged and
 * closed when they stay silent past the idle timeout. Thread-safe.
 */
final class AlertSocket implements AlertSink {

    static final int MAX_QUEUED_FRAMES = 256;
    private static final Logger log = LoggerFactory.getLogger(AlertSocket.class);
    private static final String ALL_PROJECTS = "";
    private static final Duration PING_INTERVAL = Duration.ofSeconds(15);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(45);

    private final Authenticator authenticator;
    private final ApiKeys keys;
    private final ProjectRegistry projects;
    private final Map<WsContext, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final AtomicLong evicted = new AtomicLong();

    /** One connection: the project it hears, and how many messages it has not yet taken off our hands. */
    private record Subscriber(String project, String keyId, AtomicInteger unsent) {
    }

    AlertSocket(Authenticator authenticator, ApiKeys keys, ProjectRegistry projects) {
        this.authenticator = authenticator;
        this.keys = keys;
        this.projects = projects;
    }

    /** Refuses the upgrade, with the status any route would answer, unless the caller may subscribe. */
    void beforeUpgrade(Context ctx) {
        subscription(authenticator.authenticate(Routes.token(ctx)), ctx.queryParam("projectId"));
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            String token = Routes.bearer(ctx.header("Authorization"), ctx.queryParam("token"));
            Principal caller = authenticator.authenticate(token);
            String project = subscription(caller, ctx.queryParam("projectId"));
            ctx.session.setIdleTimeout(IDLE_TIMEOUT);
            ctx.enableAutomaticPings(PING_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            subscribers.put(ctx, new Subscriber(project, caller.keyId(), new AtomicInteger()));
        });
        ws.onClose(ctx -> {
            if (subscribers.remove(ctx) != null && ctx.closeStatus().getCode() == 1001) {
                log.info("Closed an alert WebSocket of {} that stopped answering pings", ctx.session
                        .getRemoteSocketAddress());
            }
        });
        ws.onError(ctx -> subscribers.remove(ctx));
    }

    @Override
    public boolean takesPeerAlerts() {
        return true;
    }

    @Override
    public void deliver(Alert alert) {
        String message = Json.write(AlertJson.of(alert));
        subscribers.forEach((ctx, subscriber) -> {
            if (subscriber.project().equals(ALL_PROJECTS) || subscriber.project().equals(alert.projectId())) {
                send(ctx, subscriber, message);
            }
        });
    }

    void bindMetrics(MeterRegistry registry) {
        Gauge.builder("nexus_ws_subscribers", subscribers, Map::size)
                .description("open alert WebSocket connections").register(registry);
        FunctionCounter.builder("nexus_ws_evicted", evicted, AtomicLong::get)
                .description("alert WebSockets closed because they did not read").register(registry);
    }

    private void send(WsContext ctx, Subscriber subscriber, String message) {
        if (!ctx.session.isOpen()) {
            subscribers.remove(ctx);
            return;
        }
        if (subscriber.keyId() != null && !keys.isLive(subscriber.keyId())) {
            subscribers.remove(ctx);
            ctx.closeSession(1008, "the key of this connection was revoked");
            return;
        }
        if (subscriber.unsent().incrementAndGet() > MAX_QUEUED_FRAMES) {
            evict(ctx, MAX_QUEUED_FRAMES + " messages wait for it");
            return;
        }
        ctx.session.sendText(message, Callback.from(subscriber.unsent()::decrementAndGet, failure -> {
            subscriber.unsent().decrementAndGet();
            evict(ctx, failure.toString());
        }));
    }

    private void evict(WsContext ctx, String why) {
        if (subscribers.remove(ctx) == null) {
            return;
        }
        evicted.incrementAndGet();
        log.warn("Closing alert WebSocket of {}: it does not read what it is sent ({})",
                ctx.session.getRemoteSocketAddress(), why);
        ctx.closeSession(1008, "too slow: the client does not read its messages");
    }

    /** The project the caller subscribes to, or {@link #ALL_PROJECTS}; 403/404 when it may not. */
    private String subscription(Principal caller, String projectId) {
        if (projectId == null || projectId.isEmpty()) {
            return caller.isAdmin() ? ALL_PROJECTS : caller.projectId();
        }
        caller.requireProject(projectId);
        return projects.requireProject(projectId).id();
    }
}
