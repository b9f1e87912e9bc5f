package dev.nexus.costs.replay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The few requests a replay keeps in flight at once: runs one task per item on a fixed number of threads, waits
 * for all, and on the first failure cancels the rest and throws it.
 *
 * <p>Thread-safe; {@link #forEach} is called from one thread at a time.
 */
final class InFlight implements AutoCloseable {

    private final ExecutorService pool;

    InFlight(int concurrency) {
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "replay-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    <T> void forEach(Collection<T> items, Consumer<T> task) {
        CompletionService<Void> done = new ExecutorCompletionService<>(pool);
        List<Future<Void>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(done.submit(() -> task.accept(item), null));
        }
        try {
            for (int i = 0; i < futures.size(); i++) {
                done.take().get();
            }
        } catch (ExecutionException e) {
            futures.forEach(future -> future.cancel(true));
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            futures.forEach(future -> future.cancel(true));
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while requests were in flight", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new ReplayException("a request failed: " + cause, cause);
    }
}
