package io.github.appendlog.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Makes the emulator misbehave on purpose, the way a real store or network does. Rules are checked
 * in the order they were added; counted rules wear out, {@link #delay} lasts until {@link #clear}.
 * Thread-safe; changes apply to the next request received.
 */
public final class FaultInjector {

    /** What to do instead of serving a request. */
    static final class Fault {
        final boolean reset;
        final OssError error;

        private Fault(boolean reset, OssError error) {
            this.reset = reset;
            this.error = error;
        }

        static Fault reset() {
            return new Fault(true, null);
        }

        static Fault error(OssError error) {
            return new Fault(false, error);
        }
    }

    private enum Kind { FAIL, SLOW_DOWN, RESET_BEFORE, DROP_AFTER, DELAY }

    private static final class Rule {
        final Kind kind;
        final Operation op;
        int remaining; // -1: until cleared
        final int status;
        final String code;
        final Duration delay;

        Rule(Kind kind, Operation op, int remaining, int status, String code, Duration delay) {
            this.kind = kind;
            this.op = Objects.requireNonNull(op, "op");
            this.remaining = remaining;
            this.status = status;
            this.code = code;
            this.delay = delay;
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private volatile ChaosFaults chaos;

    /** The next {@code n} requests of {@code op} fail with {@code status} and OSS error {@code code}. */
    public FaultInjector failNext(Operation op, int n, int status, String code) {
        return add(new Rule(Kind.FAIL, op, positive(n), status, Objects.requireNonNull(code, "code"), null));
    }

    /** Every {@code op} reply (success or error) is held back for {@code delay}, until {@link #clear}. */
    public FaultInjector delay(Operation op, Duration delay) {
        return add(new Rule(Kind.DELAY, op, -1, 0, null, Objects.requireNonNull(delay, "delay")));
    }

    /** The next {@code n} {@code op} replies are held back for {@code delay}. */
    public FaultInjector delayNext(Operation op, int n, Duration delay) {
        return add(new Rule(Kind.DELAY, op, positive(n), 0, null, Objects.requireNonNull(delay, "delay")));
    }

    /**
     * The next {@code n} appends are applied, then the connection is dropped without a reply
     * (the ambiguous case: the client cannot tell whether its bytes landed).
     */
    public FaultInjector applyThenDrop(int n) {
        return applyThenDrop(Operation.APPEND, n);
    }

    /** As {@link #applyThenDrop(int)} for the next {@code n} successful requests of {@code op}. */
    public FaultInjector applyThenDrop(Operation op, int n) {
        return add(new Rule(Kind.DROP_AFTER, op, positive(n), 0, null, null));
    }

    /** The next {@code n} appends get a connection reset before anything is applied. */
    public FaultInjector resetBeforeApply(int n) {
        return resetBeforeApply(Operation.APPEND, n);
    }

    /** As {@link #resetBeforeApply(int)} for the next {@code n} requests of {@code op}. */
    public FaultInjector resetBeforeApply(Operation op, int n) {
        return add(new Rule(Kind.RESET_BEFORE, op, positive(n), 0, null, null));
    }

    /** The next {@code n} requests (any operation) are throttled: 503 {@code SlowDown}. */
    public FaultInjector slowDown(int n) {
        return slowDown(Operation.ANY, n);
    }

    /** The next {@code n} requests of {@code op} are throttled: 503 {@code SlowDown}. */
    public FaultInjector slowDown(Operation op, int n) {
        return add(new Rule(Kind.SLOW_DOWN, op, positive(n), 503, "SlowDown", null));
    }

    /**
     * From now on, requests that no counted rule catches draw from {@code chaos}, a seeded random
     * mix of faults; {@link #clear} ends it.
     */
    public FaultInjector chaos(ChaosFaults chaos) {
        this.chaos = Objects.requireNonNull(chaos, "chaos");
        return this;
    }

    /** Removes every rule and ends the random mix. */
    public synchronized void clear() {
        rules.clear();
        chaos = null;
    }

    /** How many rules are still in force. */
    public synchronized int activeRules() {
        return rules.size();
    }

    private synchronized FaultInjector add(Rule rule) {
        rules.add(rule);
        return this;
    }

    private static int positive(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("count must be positive: " + n);
        }
        return n;
    }

    /** A fault that replaces serving this request, or null to serve it. */
    synchronized Fault beforeApply(Operation op) {
        Rule r = take(op, Kind.RESET_BEFORE, Kind.FAIL, Kind.SLOW_DOWN);
        if (r == null) {
            return null;
        }
        if (r.kind == Kind.RESET_BEFORE) {
            return new Fault(true, null);
        }
        String message = r.kind == Kind.SLOW_DOWN ? "Please reduce your request rate."
                : "Injected fault (appendlog emulator).";
        return new Fault(false, OssError.of(r.status, r.code, message));
    }

    /** This request's draw from the random mix, if one is on. */
    ChaosFaults.Draw drawChaos() {
        ChaosFaults c = chaos;
        return c == null ? ChaosFaults.Draw.NONE : c.draw();
    }

    /** Whether to drop the connection after this request was applied. */
    synchronized boolean dropAfterApply(Operation op) {
        return take(op, Kind.DROP_AFTER) != null;
    }

    /** How long to hold back this reply (zero for none). */
    synchronized Duration delayFor(Operation op) {
        Rule r = take(op, Kind.DELAY);
        return r == null ? Duration.ZERO : r.delay;
    }

    private Rule take(Operation op, Kind... kinds) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule r = it.next();
            if (!r.op.matches(op) || !isOneOf(r.kind, kinds)) {
                continue;
            }
            if (r.remaining > 0 && --r.remaining == 0) {
                it.remove();
            }
            return r;
        }
        return null;
    }

    private static boolean isOneOf(Kind k, Kind[] kinds) {
        for (Kind x : kinds) {
            if (x == k) {
                return true;
            }
        }
        return false;
    }
}
