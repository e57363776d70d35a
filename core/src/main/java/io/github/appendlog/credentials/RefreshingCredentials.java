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
 *   <li>A source {@linkplain CredentialsSource#askEveryTime() asked every time} is asked on every
 *       {@link #credentials()}; when it fails, the last credentials serve while valid.
 *   <li>Any other source is fetched by one daemon thread ({@link #start}, {@link BackgroundRefresh}):
 *       at once, then before each expiry ({@link RefreshSchedule}). A failed fetch keeps the last
 *       credentials while valid, is reported as a WARN at most once per report interval and is
 *       tried again with backoff.
 *   <li>{@link #credentials()} (the sender's thread) returns the held credentials at once; when
 *       none are usable (none fetched yet, expired, or invalidated) it runs or joins one fetch,
 *       bounded by the source's timeouts, and if that fails throws {@link UncheckedIOException}
 *       (the store client's I/O error: the request is retried).
 *   <li>{@link #invalidate()}: the next {@link #credentials()} fetches anew; the source drops its cache.
 *   <li>INFO {@code credentials: <source>, expire <instant>} once credentials are in hand after
 *       start, {@code credentials refreshed: ...} at each later fetch; never a secret or a token.
 *   <li>{@link #close()} stops the thread (at once, or when its fetch ends) and closes the source;
 *       {@link #start} may follow (the source acquires what it needs anew).
 * </ul>
 * Thread-safe.
 */
public final class RefreshingCredentials implements CredentialsProvider, AutoCloseable {

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
    private BackgroundRefresh background;
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
            if (background != null) {
                return;
            }
            closed = false;
            inHand = usableLocked();
            announced = source.askEveryTime() || inHand != null;
            if (!source.askEveryTime()) {
                background = new BackgroundRefresh(this, clock);
                thread = threads.newThread(background);
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

    /** Stops the background thread and closes the source (its HTTP client); idempotent. */
    @Override
    public void close() {
        BackgroundRefresh stopping;
        synchronized (lock) {
            closed = true;
            stopping = background;
            background = null;
        }
        if (stopping != null) {
            stopping.stop();
        }
        source.close();
    }

    /** For tests: the background thread looks at the clock now (after a test clock moved). */
    void wake() {
        BackgroundRefresh running;
        synchronized (lock) {
            running = background;
        }
        if (running != null) {
            running.replan();
        }
    }

    /** The background thread's work when a refresh is due: one fetch (or the one in flight); failures are reported. */
    void refreshNow() {
        try {
            fetch(true);
        } catch (IOException | RuntimeException e) {
            // Reported by run(); tried again at retryAt.
        }
    }

    private Credentials askSource() throws IOException {
        try {
            Credentials fetched = CheckedFetch.fetch(source, clock);
            synchronized (lock) {
                remember(fetched);
            }
            return fetched;
        } catch (IOException e) {
            Credentials kept;
            int failed;
            synchronized (lock) {
                kept = usableLocked();
                failed = ++failures;
            }
            reports.failed(source.describe(), e, failed, kept, null);
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
            fetched = CheckedFetch.fetch(source, clock);
        } catch (IOException e) {
            failure = e;
        } catch (Error e) {
            failure = new IOException(e.toString(), e);
        }
        boolean first;
        boolean quiet;
        BackgroundRefresh planner;
        Duration retryIn = null;
        int failed;
        synchronized (lock) {
            inFlight = null;
            first = fetched != null && !announced;
            if (fetched != null) {
                remember(fetched);
                announced = true;
            } else {
                retryIn = RefreshSchedule.retryDelay(++failures, random.getAsDouble());
                retryAt = clock.instant().plus(retryIn);
            }
            failed = failures;
            quiet = closed;
            planner = background;
        }
        if (planner != null) {
            planner.replan();
        }
        try {
            if (fetched != null && !quiet) {
                if (first) {
                    reports.chosen(source.describe(), fetched);
                } else {
                    reports.refreshed(source.describe(), fetched);
                }
            } else if (fetched == null && !quiet) {
                reports.failed(source.describe(), failure, failed, usable(), planner != null ? retryIn : null);
            }
        } finally {
            if (fetched != null) {
                shared.complete(fetched);
            } else {
                shared.completeExceptionally(failure);
            }
        }
    }

    /**
     * When the background thread fetches next ({@link RefreshSchedule#next}); null for credentials
     * that do not expire.
     */
    Instant nextRefresh() {
        synchronized (lock) {
            return RefreshSchedule.next(held, heldSince, retryAt, clock.instant());
        }
    }

    private void remember(Credentials fetched) { // holding lock
        held = fetched;
        heldSince = clock.instant();
        invalidated = false;
        failures = 0;
        retryAt = null;
    }

    private Credentials usable() {
        synchronized (lock) {
            return usableLocked();
        }
    }

    private Credentials usableLocked() {
        if (held == null || invalidated) {
            return null;
        }
        Instant expiration = held.expiration();
        return expiration == null || clock.instant().isBefore(expiration) ? held : null;
    }

    /** The source and, once fetched, the access key id held (never the secret or the token). */
    @Override
    public String toString() {
        Credentials current;
        synchronized (lock) {
            current = held;
        }
        return "RefreshingCredentials{" + source.describe()
                + (current == null ? "" : ", access key id " + current.accessKeyId()) + "}";
    }
}
