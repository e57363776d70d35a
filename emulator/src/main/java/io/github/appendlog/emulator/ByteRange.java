package io.github.appendlog.emulator;

/**
 * A {@code Range: bytes=a-b} request header resolved against an object length. As OSS does, a
 * header that is malformed or cannot be satisfied is ignored (the whole object is returned).
 */
final class ByteRange {
    final long first;
    final long last;

    private ByteRange(long first, long last) {
        this.first = first;
        this.last = last;
    }

    long length() {
        return last - first + 1;
    }

    /** The range to send, or null for the whole object. */
    static ByteRange resolve(String header, long objectLength) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0 || objectLength == 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                return suffix <= 0 ? null : new ByteRange(Math.max(0, objectLength - suffix), objectLength - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? objectLength - 1 : Long.parseLong(b);
            if (first < 0 || first >= objectLength || last < first) {
                return null;
            }
            return new ByteRange(first, Math.min(last, objectLength - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    String contentRange(long objectLength) {
        return "bytes " + first + "-" + last + "/" + objectLength;
    }
}
