package io.github.appendlog.journal;

import java.nio.charset.StandardCharsets;

/**
 * The layout of a record in {@code appends.log} (big-endian):
 *
 * <pre>
 * u8 type (1 INTENT, 2 LANDED) | u16 body length | body | u32 CRC32C of (type, length, body)
 * LANDED body: u64 last seq
 * INTENT body: u64 position | u64 crc before | u8 crc known | u32 length | u64 body crc
 *              | u64 first seq | u64 last seq | u16 key length | key (UTF-8, at most 1024 bytes)
 * </pre>
 */
final class RecordCodec {
    static final byte INTENT = 1;
    static final byte LANDED = 2;
    static final int MAX_KEY_BYTES = 1024;
    private static final int HEAD = 3;
    private static final int TAIL = 4;
    private static final int LANDED_BODY = 8;
    private static final int INTENT_FIXED = 47;
    static final int LANDED_BYTES = HEAD + LANDED_BODY + TAIL;
    static final int MAX_RECORD_BYTES = HEAD + INTENT_FIXED + MAX_KEY_BYTES + TAIL;

    /** What {@link #decode} found: a landed sequence number or an intent. */
    static final class Decoded {
        byte type;
        long landedSeq;
        AppendIntent intent;
    }

    private RecordCodec() {
    }

    static int encodeLanded(byte[] b, long lastSeq) {
        b[0] = LANDED;
        b[1] = 0;
        b[2] = LANDED_BODY;
        FrameFormat.putLong(b, HEAD, lastSeq);
        FrameFormat.putInt(b, HEAD + LANDED_BODY, FrameFormat.crc(b, 0, HEAD + LANDED_BODY));
        return LANDED_BYTES;
    }

    /** The key's bytes for {@link #encodeIntent}; refuses a key too long for a record. */
    static byte[] keyBytes(AppendIntent intent) {
        byte[] key = intent.key().getBytes(StandardCharsets.UTF_8);
        if (key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("an object key of " + key.length + " bytes is longer than the "
                    + MAX_KEY_BYTES + " bytes the journal records: " + intent.key());
        }
        return key;
    }

    static int encodeIntent(byte[] b, AppendIntent i, byte[] key) {
        int body = INTENT_FIXED + key.length;
        b[0] = INTENT;
        b[1] = (byte) (body >>> 8);
        b[2] = (byte) body;
        FrameFormat.putLong(b, HEAD, i.position());
        FrameFormat.putLong(b, HEAD + 8, i.crcBefore());
        b[HEAD + 16] = (byte) (i.crcKnown() ? 1 : 0);
        FrameFormat.putInt(b, HEAD + 17, i.length());
        FrameFormat.putLong(b, HEAD + 21, i.bodyCrc());
        FrameFormat.putLong(b, HEAD + 29, i.firstSeq());
        FrameFormat.putLong(b, HEAD + 37, i.lastSeq());
        b[HEAD + 45] = (byte) (key.length >>> 8);
        b[HEAD + 46] = (byte) key.length;
        System.arraycopy(key, 0, b, HEAD + INTENT_FIXED, key.length);
        FrameFormat.putInt(b, HEAD + body, FrameFormat.crc(b, 0, HEAD + body));
        return HEAD + body + TAIL;
    }

    /** Whether {@code b[off]} could begin a record (a torn one included). */
    static boolean typeByte(byte b) {
        return b == INTENT || b == LANDED;
    }

    /** Decodes the record at {@code off} (before {@code end}) into {@code out}; its length, or -1 when there is none. */
    static int decode(byte[] b, int off, int end, Decoded out) {
        if (end - off < HEAD + TAIL || !typeByte(b[off])) {
            return -1;
        }
        int body = (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff);
        boolean shape = b[off] == LANDED ? body == LANDED_BODY
                : body >= INTENT_FIXED && body <= INTENT_FIXED + MAX_KEY_BYTES;
        if (!shape || end - off < HEAD + body + TAIL
                || FrameFormat.getInt(b, off + HEAD + body) != FrameFormat.crc(b, off, HEAD + body)) {
            return -1;
        }
        int p = off + HEAD;
        out.type = b[off];
        if (b[off] == LANDED) {
            out.landedSeq = FrameFormat.getLong(b, p);
            return HEAD + body + TAIL;
        }
        int keyLength = (b[p + 45] & 0xff) << 8 | (b[p + 46] & 0xff);
        if (keyLength != body - INTENT_FIXED) {
            return -1;
        }
        String key = new String(b, p + INTENT_FIXED, keyLength, StandardCharsets.UTF_8);
        out.intent = new AppendIntent(key, FrameFormat.getLong(b, p), FrameFormat.getLong(b, p + 8), b[p + 16] != 0,
                FrameFormat.getInt(b, p + 17), FrameFormat.getLong(b, p + 21), FrameFormat.getLong(b, p + 29),
                FrameFormat.getLong(b, p + 37));
        return HEAD + body + TAIL;
    }
}
