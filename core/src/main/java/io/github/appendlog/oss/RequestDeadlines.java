package io.github.appendlog.oss;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;

/**
 * Gives every request a deadline that covers the whole exchange, sending the body included: one
 * daemon thread cancels a request still running when {@code min(requestTimeout, caller's deadline)}
 * passes. Cancelling closes the request's connection abortively (HttpClient discards the endpoint
 * with an immediate close, which resets the socket), so a sender blocked in a socket write into a
 * peer that never reads wakes with an {@link IOException}, as it does on a read timeout. The outcome
 * of a cancelled request is unknown, like any I/O error. {@link #close()} cancels every request in
 * flight and stops the thread. Thread-safe.
 */
final class RequestDeadlines implements AutoCloseable {

    /** The exchange to bound: executes the request and reads the reply. */
    interface Exchange<T> {
        T run() throws IOException;
    }

    private final long requestTimeoutNanos;
    private final ScheduledThreadPoolExecutor timer;
    private final Set<HttpUriRequestBase> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    RequestDeadlines(Duration requestTimeout, ThreadFactory threads) {
        this.requestTimeoutNanos = Math.max(1, requestTimeout.toNanos());
        this.timer = new ScheduledThreadPoolExecutor(1, threads);
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Runs {@code exchange} for {@code request}, cancelling the request if it has not ended by
     * {@code min(now + requestTimeout, deadlineNanos)} ({@link System#nanoTime()} scale).
     *
     * @throws SocketTimeoutException when the deadline cancelled the request
     * @throws IOException from the exchange, or when the client is closed (also when closing it made
     *     HttpClient fail the request with a runtime exception)
     */
    <T> T run(HttpUriRequestBase request, long deadlineNanos, String what, Exchange<T> exchange) throws IOException {
        long now = System.nanoTime();
        long timeoutNanos = Math.min(requestTimeoutNanos, deadlineNanos - now);
        if (timeoutNanos <= 0) {
            throw new SocketTimeoutException(what + ": the deadline passed before the request was sent");
        }
        AtomicBoolean fired = new AtomicBoolean();
        inFlight.add(request);
        ScheduledFuture<?> cancel;
        try {
            cancel = timer.schedule(() -> {
                fired.set(true);
                request.cancel();
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) { // rejected: closed
            inFlight.remove(request);
            throw new IOException(what + ": the client is closed", e);
        }
        if (closed.get()) {
            request.cancel(); // close() may have missed it
        }
        try {
            return exchange.run();
        } catch (IOException e) {
            if (fired.get()) {
                SocketTimeoutException timeout = new SocketTimeoutException(what + ": no complete exchange within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (requestTimeout or the caller's deadline);"
                        + " the request was cancelled");
                timeout.initCause(e);
                throw timeout;
            }
            if (closed.get()) {
                throw new IOException(what + ": the client was closed during the request", e);
            }
            throw e;
        } catch (RuntimeException e) {
            if (closed.get()) { // the pool shut down under the request: its outcome is unknown, like any I/O error
                throw new IOException(what + ": the client was closed during the request", e);
            }
            throw e;
        } finally {
            cancel.cancel(false);
            inFlight.remove(request);
        }
    }

    /** Cancels every request in flight and stops the timer thread. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            timer.shutdownNow();
            for (HttpUriRequestBase request : inFlight) {
                request.cancel();
            }
        }
    }
}
