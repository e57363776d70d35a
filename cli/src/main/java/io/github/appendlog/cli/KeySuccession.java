package io.github.appendlog.cli;

import io.github.appendlog.delivery.ObjectKeyPattern;
import io.github.appendlog.oss.OssObjectSummary;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The objects an appender's {@code objectKey} pattern ({@code logs/app/%d{yyyy-MM-dd}/host-%i.log})
 * gives, in the order it writes them: the indexes of a period, then the next period's (the period of
 * the current time, once it differs). Found by listing the period's common prefix, with core's
 * {@link ObjectKeyPattern}, so that the reader names keys exactly as the writer does.
 */
final class KeySuccession {
    private final ObjectKeyPattern pattern;
    private final Supplier<Instant> clock;
    private Instant periodTime;
    private int index = -1;

    private KeySuccession(ObjectKeyPattern pattern, Supplier<Instant> clock) {
        this.pattern = pattern;
        this.clock = clock;
    }

    /** The succession of {@code keyOrPattern} if it is a pattern (holds {@code %}), else null. */
    static KeySuccession of(String keyOrPattern, Supplier<Instant> clock) throws CliException {
        if (keyOrPattern.indexOf('%') < 0) {
            return null;
        }
        try {
            return new KeySuccession(ObjectKeyPattern.parse(keyOrPattern), clock);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("objectKey pattern " + e.getMessage());
        }
    }

    /** The newest object of the current period (the highest index), or null when it has none yet. */
    String latest(ReaderStore store) throws CliException {
        Instant now = clock.get();
        int found = -1;
        for (OssObjectSummary o : store.list(pattern.indexPrefix(now))) {
            found = Math.max(found, pattern.indexOf(now, o.key()));
        }
        if (found < 0) {
            return null;
        }
        periodTime = now;
        index = found;
        return pattern.key(now, found);
    }

    /**
     * The object written after the current one, if it exists yet: the lowest higher index of the
     * current period, else the lowest index of the period of now; null when neither exists. With no
     * current object yet (none existed when following began), the lowest index of the period of now:
     * every object that appeared since was written after the start, so none is skipped.
     */
    String next(ReaderStore store) throws CliException {
        if (periodTime == null) {
            Instant now = clock.get();
            int first = lowestIndex(store, now, -1);
            if (first < 0) {
                return null;
            }
            periodTime = now;
            index = first;
            return pattern.key(now, first);
        }
        int higher = lowestIndex(store, periodTime, index);
        if (higher >= 0) {
            index = higher;
            return pattern.key(periodTime, higher);
        }
        Instant now = clock.get();
        if (!pattern.period(now).equals(pattern.period(periodTime))) {
            int first = lowestIndex(store, now, -1);
            if (first >= 0) {
                periodTime = now;
                index = first;
                return pattern.key(now, first);
            }
        }
        return null;
    }

    private int lowestIndex(ReaderStore store, Instant time, int above) throws CliException {
        int found = -1;
        for (OssObjectSummary o : store.list(pattern.indexPrefix(time))) {
            int i = pattern.indexOf(time, o.key());
            if (i > above && (found < 0 || i < found)) {
                found = i;
            }
        }
        return found;
    }

    /** The pattern's key now, for messages. */
    String currentKey() {
        return pattern.key(periodTime != null ? periodTime : clock.get(), Math.max(index, 0));
    }
}
