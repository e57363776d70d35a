package io.github.appendlog.journal;

/**
 * What the append records say: the highest landed sequence number and the last intent after it
 * (the sender appends in sequence order, so nothing else matters). {@link #scan} reads records from
 * bytes: a corrupt record is skipped and reading resumes at the next valid one.
 */
final class RecordState {
    long landedSeq;
    AppendIntent pending;
    /** Of the last {@link #scan}: valid records, the end of the last one, bytes skipped before it. */
    int records;
    int validEnd;
    long skipped;

    void landed(long seq) {
        landedSeq = Math.max(landedSeq, seq);
        if (pending != null && pending.lastSeq() <= landedSeq) {
            pending = null;
        }
    }

    void intent(AppendIntent intent) {
        if (intent.lastSeq() > landedSeq) {
            pending = intent;
        }
    }

    void scan(byte[] data, int len) {
        RecordCodec.Decoded d = new RecordCodec.Decoded();
        int off = 0;
        while (off < len) {
            int n = RecordCodec.decode(data, off, len, d);
            if (n < 0) {
                off++;
                continue;
            }
            skipped += off - validEnd;
            if (d.type == RecordCodec.LANDED) {
                landed(d.landedSeq);
            } else {
                intent(d.intent);
            }
            off += n;
            validEnd = off;
            records++;
        }
    }
}
