package io.github.appendlog.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Text cut into lines. At first it only keeps the last {@code keep} complete lines (tail -n); after
 * {@link #release} it writes each line to the output as soon as its {@code \n} arrives, so that a
 * line is printed whole and once even when its bytes come in two reads. The bytes after the last
 * {@code \n} wait for the rest of their line. Not thread-safe.
 */
final class Lines extends OutputStream {
    private final int keep;
    private final Deque<byte[]> kept = new ArrayDeque<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private OutputStream out;

    Lines(int keep) {
        this.keep = keep;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                partial.write(b, start, i + 1 - start);
                line(partial.toByteArray());
                partial.reset();
                start = i + 1;
            }
        }
        partial.write(b, start, off + len - start);
    }

    private void line(byte[] line) throws IOException {
        if (out != null) {
            out.write(line);
        } else if (keep > 0) {
            if (kept.size() == keep) {
                kept.removeFirst();
            }
            kept.addLast(line);
        }
    }

    /**
     * Writes the kept lines to {@code out} and from then on every line as it completes.
     *
     * @param withPartial true at the end of the text (no follow): a last line without {@code \n}
     *        counts as one of the {@code keep} lines and is printed too
     */
    void release(OutputStream out, boolean withPartial) throws IOException {
        boolean printPartial = withPartial && partial.size() > 0 && keep > 0;
        if (printPartial && kept.size() == keep) {
            kept.removeFirst();
        }
        for (byte[] line : kept) {
            out.write(line);
        }
        kept.clear();
        if (printPartial) {
            partial.writeTo(out);
            partial.reset();
        }
        this.out = out;
        out.flush();
    }

    /** An object ended while following: a last line without {@code \n} is printed, with one. */
    void endOfObject() throws IOException {
        if (partial.size() > 0) {
            partial.write('\n');
            line(partial.toByteArray());
            partial.reset();
        }
    }

    @Override
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }
}
