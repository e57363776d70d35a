package io.github.appendlog.credentials;

import io.github.appendlog.status.StatusReporter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The provider the store client signs with: holds the credentials last fetched from one
 * {@link CredentialsSource} and keeps them fresh.
 * <ul>
 *   <li>A source that is {@linkplain CredentialsSource#askEveryTime() asked every time} (fixed keys,
 *       profile files, a user's provider) is asked on every {@link #credentials()}; when it fails,
 *       the last credentials serve while they are valid.
 *   <li>Any other source is fetched by one daemon thread, made by {@link #start}: at once, then
 *       before each expiry as {@link RefreshSchedule} says. A fetch that fails keeps the last
 *       credentials while they are valid, is reported as a WARN at most once per report interval,
 *       and is tried again with backoff.
 *   <li>{@link #credentials()} (the sender's thread, never a logging thread) returns the held
 *       credentials at once. Only when none are usable (no fetch succeeded yet, they expired, or
 *       they were invalidated) does it run or join one fetch and wait for that one, which the
 *       source's own timeouts bound; if it fails it throws {@link UncheckedIOException}, which the
 *       store client turns into an I/O error of the request (retried with backoff).
 *   <li>{@link #invalidate()}: the held credentials are not used again; the next
 *       {@link #credentials()} fetches anew, and the source drops its own cache.
 *   <li>INFO {@code credentials: <source>, expire <instant>} once credentials are in hand after
 *       start, and {@code credentials refreshed: ...} at each later fetch; never a secret or a token.
 *   <li>{@link #close()} stops the thread (it ends at once, or after the fetch it is in); a later
 *       {@link #start} starts a new one.
 * </ul>
 * Thread-safe.
 */
public final class RefreshingCredentials implements CredentialsProvider, AutoCloseable {
    /** The background thread looks at the clock at least this often (a suspended host, a clock moved). */
    private static final long MAX_WAIT_MILLIS = 60_000;
    /** Never refresh sooner than this after a fetch, however short the credentials' lifetime. */
    private static final Duration MIN_REFRESH_INTERVAL = Duration.ofMillis(100);

    private final CredentialsSource source;
    private final Clock clock;
    private final DoubleSupplier random;
    private final RefreshReports reports;
    private final Object lock = new Object();
    // Guarded by lock:
    private Credentials held;
    private Instant heldSince;
    private boolean invalidated;
    private CompletableFuture<Credentials> inFlight;
    private int failures;
    private Instant retryAt;
    private Thread refresher;
    private boolean closed;
    private boolean announced;

    public RefreshingCredentials(CredentialsSource source) {
        this(source, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** For tests: with the clock expiries are compared to, and the source of the backoff's jitter. */
    RefreshingCredentials(CredentialsSource source, Clock clock, DoubleSupplier random) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.reports = new RefreshReports(clock);
    }

    public CredentialsSource source() {
        return source;
    }

    /**
     * Starts reporting to {@code status} and, for a source not asked every time, the background
     * thread (from {@code threads}) whose first fetch begins at once. Never waits for a fetch.
     * Calling it again while running only changes where reports go.
     *
     * @param reportInterval a failing fetch is reported at most once per this interval
     */
    public void start(StatusReporter status, ThreadFactory threads, Duration reportInterval) {
        reports.use(status, reportInterval);
        Thread thread = null;
        Credentials inHand;
        synchronized (lock) {
            if (refresher != null) {
                return;
            }
            closed = false;
            inHand = usableLocked();
            announced = source.askEveryTime() || inHand != null;
            if (!source.askEveryTime()) {
                thread = threads.newThread(this::refreshLoop);
                refresher = thread;
            }
        }
        if (source.askEveryTime() || inHand != null) {
            reports.chosen(source.describe(), source.askEveryTime() ? null : inHand);
        }
        if (thread != null) {
            thread.start();
        }
    }

    @Override
    public Credentials credentials() {
        try {
            return source.askEveryTime() ? askSource() : fetch(false);
        } catch (IOException e) {
            throw new UncheckedIOException("credentials from " + source.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void invalidate() {
        synchronized (lock) {
            invalidated = true;
        }
        source.invalidate();
    }

    /** Stops the background thread; idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            refresher = null;
            lock.notifyAll();
        }
    }

    /** For tests: when the background thread fetches next, or null when it has nothing to do. */
    Instant nextRefresh() {
        synchronized (lock) {
            return nextRefreshLocked();
        }
    }

    /** For tests: the background thread looks at the clock now (after a test clock moved). */
    void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private Credentials askSource() throws IOException {
        try {
            Credentials fetched = fetchFromSource();
            synchronized (lock) {
                held = fetched;
                heldSince = clock.instant();
                invalidated = false;
                failures = 0;
            }
            return fetched;
        } catch (IOException e) {
            Credentials kept;
            int failed;
            synchronized (lock) {
                kept = usableLocked();
                failed = ++failures;
            }
            report(e, failed, kept, null);
            if (kept != null) {
                return kept;
            }
            throw e;
        }
    }

    /**
     * The usable credentials, unless {@code refresh}; else the result of one fetch: the one in
     * flight (joined), or one run here.
     */
    private Credentials fetch(boolean refresh) throws IOException {
        CompletableFuture<Credentials> shared;
        boolean mine = false;
        synchronized (lock) {
            Credentials usable = usableLocked();
            if (usable != null && !refresh) {
                return usable;
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                mine = true;
            }
            shared = inFlight;
        }
        if (mine) {
            run(shared);
        }
        try {
            return shared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a fetch");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException(cause.getMessage(), cause);
        }
    }

    /** Runs one fetch, records and reports its outcome, and completes {@code shared} with it. */
    private void run(CompletableFuture<Credentials> shared) {
        Credentials fetched = null;
        IOException failure = null;
        try {
            fetched = fetchFromSource();
        } catch (IOException e) {
            failure = e;
        } catch (Error e) {
            failure = new IOException(e.toString(), e);
        }
        boolean first = false;
        boolean quiet;
        Credentials kept = null;
        Duration retryIn = null;
        int failed;
        synchronized (lock) {
            inFlight = null;
            Instant now = clock.instant();
            if (fetched != null) {
                held = fetched;
                heldSince = now;
                invalidated = false;
                failures = 0;
                retryAt = null;
                first = !announced;
                announced = true;
            } else {
                failures++;
                retryIn = RefreshSchedule.retryDelay(failures, random.getAsDouble());
                retryAt = now.plus(retryIn);
                kept = usableLocked();
            }
            failed = failures;
            quiet = closed;
            lock.notifyAll(); // the background thread plans anew
        }
        try {
            if (fetched != null && !quiet) {
                if (first) {
                    reports.chosen(source.describe(), fetched);
                } else {
                    reports.refreshed(source.describe(), fetched);
                }
            } else if (fetched == null && !quiet) {
                report(failure, failed, kept, refresherRuns() ? retryIn : null);
            }
        } finally {
            if (fetched != null) {
                shared.complete(fetched);
            } else {
                shared.completeExceptionally(failure);
            }
        }
    }

    private void report(IOException failure, int failed, Credentials kept, Duration retryIn) {
        reports.failed(source.describe(), failure, failed, kept, retryIn);
    }

    /** The source's answer, or an IOException naming what is wrong with it. */
    private Credentials fetchFromSource() throws IOException {
        Credentials fetched;
        try {
            fetched = source.fetch();
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage() != null ? e.getMessage() : e.toString(), e);
        }
        if (fetched == null) {
            throw new IOException("the source gave no credentials");
        }
        Instant now = clock.instant();
        if (fetched.expiration() != null && !now.isBefore(fetched.expiration())) {
            throw new IOException("the credentials fetched for access key id " + fetched.accessKeyId()
                    + " expired at " + fetched.expiration() + ", before now (" + now + "); check this host's clock");
        }
        return fetched;
    }

    /** The background thread: fetches when {@link #nextRefreshLocked()} says, until closed. */
    private void refreshLoop() {
        Thread self = Thread.currentThread();
        while (true) {
            synchronized (lock) {
                if (refresher != self) {
                    return;
                }
                Instant due = nextRefreshLocked();
                long waitMillis = due == null ? MAX_WAIT_MILLIS
                        : Math.min(MAX_WAIT_MILLIS, Duration.between(clock.instant(), due).toMillis());
                if (waitMillis > 0) {
                    try {
                        lock.wait(waitMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            }
            try {
                fetch(true);
            } catch (IOException | RuntimeException e) {
                // Reported by run(); tried again at retryAt.
            }
        }
    }

    private boolean refresherRuns() {
        synchronized (lock) {
            return refresher != null;
        }
    }

    private Instant nextRefreshLocked() {
        if (failures > 0 && retryAt != null) {
            return retryAt;
        }
        if (held == null) {
            return clock.instant();
        }
        Instant at = RefreshSchedule.refreshAt(heldSince, held.expiration());
        if (at == null) {
            return null;
        }
        Instant earliest = heldSince.plus(MIN_REFRESH_INTERVAL);
        return at.isBefore(earliest) ? earliest : at;
    }

    private Credentials usableLocked() {
        if (held == null || invalidated) {
            return null;
        }
        Instant expiration = held.expiration();
        return expiration == null || clock.instant().isBefore(expiration) ? held : null;
    }

    @Override
    public String toString() {
        return "RefreshingCredentials{" + source.describe() + "}";
    }
}
