package dev.nexus.costs.alerts;

/** Where a recorded alert goes: WebSocket subscribers, a webhook. Implementations must not block. */
public interface AlertSink {

    void deliver(Alert alert);

    /** Whether this sink also takes the alerts other instances sent; webhooks are posted by the sender only. */
    default boolean takesPeerAlerts() {
        return false;
    }
}
