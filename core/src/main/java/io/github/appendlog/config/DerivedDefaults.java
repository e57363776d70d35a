package io.github.appendlog.config;

import io.github.appendlog.buffer.EventBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Moves the defaults that depend on another setting so that they agree with what the user set:
 * {@code maxBatchBytes} within {@code maxBufferBytes}, at least {@code maxEventBytes}, and small
 * enough that a batch, stored as it is or as the largest gzip member it can become, fits
 * {@code maxObjectBytes} (whose default holds any batch, so it never follows {@code maxBatchBytes});
 * {@code maxBufferBytes} large enough for a batch and for one {@code maxEventBytes} event with its
 * bookkeeping; {@code maxEventBytes} within {@code maxBatchBytes} and the buffer; {@code retryBaseDelay}
 * at most {@code retryMaxDelay}, and {@code retryMaxDelay} at least {@code retryBaseDelay};
 * {@code contentType} {@code application/gzip} with {@code compression} {@code gzip}. A setting the
 * user set is never changed, so only two explicit settings can conflict (which validation reports).
 * Each moved default adds a note (for an INFO status) naming the setting, its new value and the
 * setting it follows.
 */
final class DerivedDefaults {
    /** The object's Content-Type with compression gzip (never Content-Encoding, which breaks ranged reads). */
    static final String GZIP_CONTENT_TYPE = "application/gzip";
    private final SettingValues values;
    private final Set<Setting<?>> explicit;
    private final List<String> notes;

    DerivedDefaults(SettingValues values, Set<Setting<?>> explicit, List<String> notes) {
        this.values = values;
        this.explicit = explicit;
        this.notes = notes;
    }

    /** Applies every rule, in dependency order (a value the user could not have parsed stays as it is). */
    void apply() {
        Long buffer = explicitValue(Setting.MAX_BUFFER_BYTES);
        Long event = explicitValue(Setting.MAX_EVENT_BYTES);
        Long object = explicitValue(Setting.MAX_OBJECT_BYTES);
        if (!explicit.contains(Setting.MAX_BATCH_BYTES)) {
            long batch = Setting.MAX_BATCH_BYTES.defaultValue();
            long upper = Math.min(buffer == null ? Long.MAX_VALUE : buffer,
                    object == null ? Long.MAX_VALUE : compression().largestTextWithin(object));
            long lower = event == null ? 0 : event;
            if (lower <= upper) {
                long derived = Math.max(lower, Math.min(batch, upper));
                derive(Setting.MAX_BATCH_BYTES, derived, derived > batch ? Setting.MAX_EVENT_BYTES
                        : buffer != null && derived == buffer ? Setting.MAX_BUFFER_BYTES : Setting.MAX_OBJECT_BYTES);
            }
        }
        long batch = values.get(Setting.MAX_BATCH_BYTES);
        if (!explicit.contains(Setting.MAX_BUFFER_BYTES)) {
            long needed = Math.max(batch, event == null ? 0 : EventBuffer.roomOf(event));
            derive(Setting.MAX_BUFFER_BYTES, Math.max(Setting.MAX_BUFFER_BYTES.defaultValue(), needed),
                    needed == batch ? Setting.MAX_BATCH_BYTES : Setting.MAX_EVENT_BYTES);
        }
        Long bufferNow = values.get(Setting.MAX_BUFFER_BYTES);
        if (!explicit.contains(Setting.MAX_EVENT_BYTES) && Setting.MAX_BUFFER_BYTES.outOfRange(bufferNow) == null) {
            long room = largestEventFitting(bufferNow);
            long fit = Math.min(Setting.MAX_EVENT_BYTES.defaultValue(), Math.min(batch, room));
            derive(Setting.MAX_EVENT_BYTES, fit, batch <= room ? Setting.MAX_BATCH_BYTES : Setting.MAX_BUFFER_BYTES);
        }
        if (!explicit.contains(Setting.CONTENT_TYPE) && values.get(Setting.COMPRESSION) == Compression.GZIP) {
            derive(Setting.CONTENT_TYPE, GZIP_CONTENT_TYPE, Setting.COMPRESSION);
        }
        Duration base = explicitValue(Setting.RETRY_BASE_DELAY);
        Duration max = explicitValue(Setting.RETRY_MAX_DELAY);
        if (base == null && max != null && max.compareTo(Setting.RETRY_BASE_DELAY.defaultValue()) < 0) {
            derive(Setting.RETRY_BASE_DELAY, max, Setting.RETRY_MAX_DELAY);
        } else if (max == null && base != null && base.compareTo(Setting.RETRY_MAX_DELAY.defaultValue()) > 0) {
            derive(Setting.RETRY_MAX_DELAY, base, Setting.RETRY_BASE_DELAY);
        }
    }

    /** How batches are stored ({@code none} while the setting could not be parsed). */
    private Compression compression() {
        Compression compression = values.get(Setting.COMPRESSION);
        return compression == null ? Compression.NONE : compression;
    }

    /** The user's value of a setting, or null when it keeps its default (or is out of its range). */
    private <T> T explicitValue(Setting<T> setting) {
        T value = values.get(setting);
        return explicit.contains(setting) && setting.outOfRange(value) == null ? value : null;
    }

    /** Sets a default to {@code value} (a note when it differs from the declared default). */
    private <T> void derive(Setting<T> setting, T value, Setting<?> cause) {
        if (value.equals(setting.defaultValue())) {
            return;
        }
        values.put(setting, value);
        notes.add(setting + ": " + text(value) + " instead of the default " + setting.defaultText() + ", to agree with "
                + cause + " " + text(values.get(cause)));
    }

    private static String text(Object value) {
        return value instanceof Duration ? ((Duration) value).toMillis() + " ms" : value + (value instanceof Long ? " bytes" : "");
    }

    /** The longest event whose room in the buffer, with its bookkeeping, is at most {@code buffer}. */
    static long largestEventFitting(long buffer) {
        long low = 0;
        long high = buffer;
        while (low < high) {
            long mid = (low + high + 1) >>> 1;
            if (EventBuffer.roomOf(mid) <= buffer) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}
