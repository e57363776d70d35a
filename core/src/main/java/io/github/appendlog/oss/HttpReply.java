package io.github.appendlog.oss;

import org.apache.hc.core5.http.Header;

/** A reply as read off the wire: status, headers and the whole (small) body. */
final class HttpReply {
    final int status;
    final Header[] headers;
    final byte[] body;

    HttpReply(int status, Header[] headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** The first value of header {@code name} (case-insensitive), or null. */
    String header(String name) {
        for (Header h : headers) {
            if (h.getName().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** An unsigned decimal CRC-64 header value, or null when absent or malformed. */
    static Long unsignedCrc(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(header.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
