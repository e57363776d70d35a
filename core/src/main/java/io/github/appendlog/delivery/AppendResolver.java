package io.github.appendlog.delivery;

import io.github.appendlog.store.AppendStore;
import io.github.appendlog.store.ObjectInfo;
import io.github.appendlog.store.StoreException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Finds out whether an append whose outcome is unknown landed in the object, by proof rather than
 * by resending (docs/append-protocol.md §6.5): HEAD gives the true length {@code L} and the store's
 * whole-object checksum ("CRC" below, {@link AppendStore#checksum()}; OSS: CRC-64); when that is
 * not conclusive, a ranged GET of {@code [pos, pos+len)} compares the bytes.
 *
 * <p>An append at {@code pos} is atomic and can only land at exactly {@code [pos, pos+len)}, so:
 * <ul>
 *   <li>{@code L == pos}: not applied; resend at {@code pos}.
 *   <li>{@code L == pos+len} and the CRC is the expected one: applied.
 *   <li>{@code L == pos+len}, another CRC: the GET decides whether the batch is there, and the CRC
 *       of {@code [pos, L)} combined onto the CRC this writer had at {@code pos} checks the content
 *       before it. Batch there: applied. Another writer's batch there: not applied; continue at
 *       {@code L} with HEAD's CRC.
 *   <li>{@code pos < L < pos+len}: not applied (another writer appended fewer bytes); resend at {@code L}.
 *   <li>{@code L > pos+len}: the GET decides; applied (another writer appended after us) or not
 *       (another writer took the slot); either way continue at {@code L} with HEAD's CRC.
 *   <li>Object missing (and {@code pos > 0}) or shorter than {@code pos}; or its content before
 *       {@code pos} is not what this writer appended (the CRC checks above): it was deleted,
 *       replaced or truncated. If the batch is not in it: {@link RolloverRequiredException} with
 *       {@code CONFLICT}. If the batch is in it: applied (it must not be sent again), with
 *       {@link Resolution#replaced()} set, and the writer appends nothing more to the object.
 *   <li>Not an Appendable object any more: {@code NOT_APPENDABLE}.
 * </ul>
 *
 * <p>Limit: when {@code L != pos} and {@code L != pos+len}, HEAD's CRC also covers another
 * writer's bytes, which are not read (beyond {@code pos+len} there may be any amount of them),
 * so the content before {@code pos} is not checked there; a replacement is then found only if it
 * left the object shorter than {@code pos}.
 */
final class AppendResolver {

    /** The outcome: whether the attempt landed, and where the object ends now. */
    static final class Resolution {
        private final boolean applied;
        private final long position;
        private final long crc;
        private final boolean crcKnown;
        private final String replaced;

        Resolution(boolean applied, long position, long crc, boolean crcKnown, String replaced) {
            this.applied = applied;
            this.position = position;
            this.crc = crc;
            this.crcKnown = crcKnown;
            this.replaced = replaced;
        }

        boolean applied() {
            return applied;
        }

        /** Where the object ends: the next append goes here. */
        long position() {
            return position;
        }

        long crc() {
            return crc;
        }

        boolean crcKnown() {
            return crcKnown;
        }

        /**
         * Null, or (only when {@link #applied()}) why the object takes no more appends: its content
         * before the batch is not what this writer appended.
         */
        String replaced() {
            return replaced;
        }
    }

    private final AppendStore client;
    private final String key;

    AppendResolver(AppendStore client, String key) {
        this.client = client;
        this.key = key;
    }

    /**
     * @param data the batch's bytes, or null when only the attempt's fingerprint is known (then the
     *     ranged read is compared by length and CRC-64)
     */
    Resolution resolve(AppendAttempt attempt, byte[] data, int offset, long deadlineNanos)
            throws IOException, StoreException, RolloverRequiredException {
        ObjectInfo info = client.head(key, deadlineNanos);
        long pos = attempt.position();
        if (info == null) {
            if (pos == 0) {
                return new Resolution(false, 0, 0, true, null);
            }
            throw conflict("it no longer exists, although " + pos + " bytes were appended to it");
        }
        if (!info.appendable()) {
            throw new RolloverRequiredException(RolloverRequiredException.Reason.NOT_APPENDABLE, key,
                    "object '" + key + "' is now a " + info.type() + " object, not appendable", null);
        }
        long length = info.length();
        if (length < pos) {
            throw conflict("it is " + length + " bytes long, shorter than the " + pos
                    + " bytes appended to it (replaced or truncated)");
        }
        boolean crcComparable = info.hasChecksum() && attempt.crcKnown();
        if (length == pos) {
            if (crcComparable && info.checksum() != attempt.crcBefore()) {
                throw conflict("its checksum " + Long.toUnsignedString(info.checksum()) + " differs from the "
                        + Long.toUnsignedString(attempt.crcBefore()) + " of what was appended to it (replaced)");
            }
            return notApplied(info, attempt.crcBefore(), attempt.crcKnown());
        }
        if (length == attempt.end() && crcComparable && info.checksum() == attempt.expectedCrc()) {
            return new Resolution(true, length, info.checksum(), true, null);
        }
        if (length < attempt.end()) {
            return notApplied(info, 0, false);
        }
        byte[] found = client.getRange(key, pos, attempt.end() - 1, deadlineNanos);
        long foundCrc = client.checksum().compute(found, 0, found.length);
        boolean ours = data != null
                ? Arrays.equals(found, 0, found.length, data, offset, offset + attempt.length())
                : found.length == attempt.length() && foundCrc == attempt.batchCrc();
        String replaced = null;
        if (length == attempt.end() && crcComparable
                && client.checksum().combine(attempt.crcBefore(), foundCrc, found.length) != info.checksum()) {
            replaced = "its checksum " + Long.toUnsignedString(info.checksum()) + " at length " + length
                    + " shows that its first " + pos + " bytes are not what was appended to it (replaced)";
            if (!ours) {
                throw conflict(replaced);
            }
            replaced = changed(replaced + "; the append of " + attempt + " landed on it");
        }
        return ours ? new Resolution(true, length, info.checksum(), info.hasChecksum(), replaced)
                : notApplied(info, 0, false);
    }

    private static Resolution notApplied(ObjectInfo info, long fallbackCrc, boolean fallbackKnown) {
        return info.hasChecksum()
                ? new Resolution(false, info.length(), info.checksum(), true, null)
                : new Resolution(false, info.length(), fallbackCrc, fallbackKnown, null);
    }

    private RolloverRequiredException conflict(String what) {
        return new RolloverRequiredException(RolloverRequiredException.Reason.CONFLICT, key, changed(what), null);
    }

    private String changed(String what) {
        return "object '" + key + "' changed behind this writer: " + what + "; not appending to it any more";
    }
}
