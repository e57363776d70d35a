package io.github.appendlog.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Test producers: each on a thread of its own (not a shared pool, which on a 2-core machine runs
 * them one after another), released together so that they really race.
 */
public final class Producers {
    private final List<CompletableFuture<Void>> running;

    private Producers(List<CompletableFuture<Void>> running) {
        this.running = running;
    }

    /** Starts {@code count} producers running {@code body} with their index; returns at once. */
    public static Producers start(int count, IntConsumer body) {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            int id = p;
            running.add(CompletableFuture.runAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                body.accept(id);
            }, task -> new Thread(task, "producer-" + id).start()));
        }
        go.countDown();
        return new Producers(running);
    }

    /** Runs {@code count} producers and waits (at most a minute) until all are done; rethrows their failures. */
    public static void run(int count, IntConsumer body) throws Exception {
        start(count, body).await();
    }

    /** Waits (at most a minute) until all are done; rethrows their failures. */
    public void await() throws Exception {
        CompletableFuture.allOf(running.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
    }
}
