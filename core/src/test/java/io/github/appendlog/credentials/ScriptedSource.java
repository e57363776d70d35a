package io.github.appendlog.credentials;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source tests script: each fetch answers what {@link #answer} says (credentials, or an
 * IOException), optionally after waiting for {@link #gate}; fetches, invalidations and closes are counted.
 */
final class ScriptedSource implements CredentialsSource {

    /** One fetch's answer. */
    interface Answer {
        Credentials fetch(int n) throws IOException;
    }

    final AtomicInteger fetches = new AtomicInteger();
    final AtomicInteger invalidations = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    private final boolean askEveryTime;
    volatile Answer answer;
    volatile CountDownLatch gate;

    ScriptedSource(boolean askEveryTime, Answer answer) {
        this.askEveryTime = askEveryTime;
        this.answer = answer;
    }

    /** Numbered credentials {@code STS.<n>} expiring when {@code expiry} says. */
    static Credentials numbered(int n, java.time.Instant expiration) {
        return new Credentials("STS." + n, "secret-" + n, "token-" + n, expiration);
    }

    @Override
    public Credentials fetch() throws IOException {
        int n = fetches.incrementAndGet();
        CountDownLatch wait = gate;
        if (wait != null) {
            try {
                if (!wait.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("test gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return answer.fetch(n);
    }

    @Override
    public String describe() {
        return "scripted source";
    }

    @Override
    public boolean askEveryTime() {
        return askEveryTime;
    }

    @Override
    public void invalidate() {
        invalidations.incrementAndGet();
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
