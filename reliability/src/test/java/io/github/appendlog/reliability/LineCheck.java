package io.github.appendlog.reliability;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the objects' text back and checks every numbered line ({@link NumberedLines}): each
 * expected line present exactly once, whole, and in its thread's order. Also sums the drop counts
 * of the pipeline's marker lines ({@code [appendlog] dropped N events ...}).
 */
final class LineCheck {
    private static final Pattern LINE = Pattern.compile("L\\|([A-Za-z0-9-]+)\\|(\\d+)\\|(\\d+)\\|([a-z0-9]*)\\|E");
    private static final Pattern MARKER = Pattern.compile("\\[appendlog\\] dropped (\\d+) events .*");

    final long expected;
    long present;
    long duplicated;
    long outOfOrder;
    long missing;
    long markerDrops;
    long markerLines;
    final List<String> torn = new ArrayList<>();
    final List<String> other = new ArrayList<>();
    private final Map<String, BitSetCounter> seen = new HashMap<>();

    private LineCheck(long expected) {
        this.expected = expected;
    }

    /**
     * @param text the objects' bytes, in key order, decoded as UTF-8 (malformed bytes fail the check)
     * @param expectedPerThread for each {@code app|thread}, how many lines it logged (seq 0..n-1)
     */
    static LineCheck of(byte[] text, Map<String, Long> expectedPerThread) {
        return of(utf8(text), expectedPerThread);
    }

    static LineCheck of(String text, Map<String, Long> expectedPerThread) {
        long expected = expectedPerThread.values().stream().mapToLong(Long::longValue).sum();
        LineCheck c = new LineCheck(expected);
        Map<String, BitSetCounter> seen = c.seen;
        Map<String, Long> last = new HashMap<>();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            c.torn.add("(the text ends with a partial line) " + tail(text));
        }
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                String thread = m.group(1) + "|" + m.group(2);
                long seq = Long.parseLong(m.group(3));
                if (!m.group(4).equals(NumberedLines.payload(seq)) || !expectedPerThread.containsKey(thread)
                        || seq >= expectedPerThread.get(thread)) {
                    c.torn.add(line);
                    continue;
                }
                if (!seen.computeIfAbsent(thread, t -> new BitSetCounter()).add(seq)) {
                    c.duplicated++;
                    continue;
                }
                c.present++;
                Long previous = last.put(thread, seq);
                if (previous != null && previous > seq) {
                    c.outOfOrder++;
                }
                continue;
            }
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                c.markerLines++;
                c.markerDrops += Long.parseLong(marker.group(1));
            } else if (line.startsWith("L|")) {
                c.torn.add(line);
            } else {
                c.other.add(line);
            }
        }
        c.missing = expected - c.present;
        return c;
    }

    /** Lines of {@code app|thread} present (each counted once). */
    long presentIn(String thread) {
        BitSetCounter b = seen.get(thread);
        return b == null ? 0 : b.bits.cardinality();
    }

    /** How many of {@code app|thread}'s lines are present from seq 0 on without a gap: the first seq missing. */
    long prefixIn(String thread) {
        BitSetCounter b = seen.get(thread);
        return b == null ? 0 : b.bits.nextClearBit(0);
    }

    /** True if every expected line landed once, whole, in order and nothing else is in the text. */
    boolean perfect() {
        return missing == 0 && duplicated == 0 && outOfOrder == 0 && torn.isEmpty() && other.isEmpty();
    }

    /** True if the lines that landed did so once, whole and in order (some may be missing). */
    boolean intact() {
        return duplicated == 0 && outOfOrder == 0 && torn.isEmpty();
    }

    @Override
    public String toString() {
        return "expected=" + expected + " present=" + present + " missing=" + missing + " duplicated=" + duplicated
                + " out-of-order=" + outOfOrder + " torn=" + torn.size() + " markerDrops=" + markerDrops
                + " markerLines=" + markerLines + " otherLines=" + other.size()
                + (torn.isEmpty() ? "" : " firstTorn='" + tail(torn.get(0)) + "'")
                + (other.isEmpty() ? "" : " firstOther='" + tail(other.get(0)) + "'");
    }

    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("the object is not valid UTF-8: " + e, e);
        }
    }

    private static String tail(String s) {
        return s.length() <= 160 ? s : "..." + s.substring(s.length() - 160);
    }

    /** Which sequence numbers of one thread were seen. */
    private static final class BitSetCounter {
        private final java.util.BitSet bits = new java.util.BitSet();

        boolean add(long seq) {
            int i = (int) seq;
            if (bits.get(i)) {
                return false;
            }
            bits.set(i);
            return true;
        }
    }
}
