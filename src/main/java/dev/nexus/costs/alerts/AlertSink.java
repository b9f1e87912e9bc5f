package dev.nexus.costs.alerts;

/** Where a recorded alert goes: WebSocket subscribers, a webhook. Implementations must not block. */
public interface AlertSink {

    void deliver(Alert alert);
}
