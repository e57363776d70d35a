package io.github.appendlog.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Channels over real files that share a budget of bytes: a write past it writes what fits and
 * fails with "No space left on device", as a full disk does. Optionally truncation fails too.
 */
public final class FailingChannels implements ChannelOpener {
    public static final long UNLIMITED = Long.MAX_VALUE;
    public final AtomicLong space = new AtomicLong(UNLIMITED);
    volatile boolean truncateFails;
    /** While set, every write waits for it, ignoring interrupts, as a write to a disk that does not answer does. */
    public volatile java.util.concurrent.CountDownLatch hang;
    /** While set, every force waits for it, ignoring interrupts, as a disk that does not write back does. */
    public volatile java.util.concurrent.CountDownLatch hangForce;
    /** While set, every force fails as a disk with an I/O error does. */
    public volatile boolean forceFails;
    /** Channels opened and not closed yet. */
    public final java.util.concurrent.atomic.AtomicInteger openChannels = new java.util.concurrent.atomic.AtomicInteger();
    /** The files forced so far, once per force. */
    public final java.util.concurrent.ConcurrentLinkedQueue<Path> forced = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Forces called so far. */
    public final java.util.concurrent.atomic.AtomicInteger forces = new java.util.concurrent.atomic.AtomicInteger();
    /** Forces waiting for {@link #hangForce} now. */
    public final java.util.concurrent.atomic.AtomicInteger forcesHanging = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        Failing f = new Failing(FileChannel.open(path, options), path);
        openChannels.incrementAndGet();
        return f;
    }

    /** Takes up to n bytes of the budget; how many may be written. Waits while {@link #hang} is set. */
    private int take(int n) {
        awaitIgnoringInterrupts(hang);
        for (;;) {
            long left = space.get();
            if (left == UNLIMITED) {
                return n;
            }
            int k = (int) Math.min(n, left);
            if (space.compareAndSet(left, left - k)) {
                return k;
            }
        }
    }

    private static void awaitIgnoringInterrupts(java.util.concurrent.CountDownLatch h) {
        boolean interrupted = false;
        while (h != null && h.getCount() > 0) {
            try {
                h.await();
            } catch (InterruptedException e) {
                interrupted = true; // a hung disk ignores interrupts; the flag is restored after
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static IOException full() {
        return new IOException("No space left on device");
    }

    private final class Failing extends FileChannel {
        private final FileChannel d;
        private final Path path;

        Failing(FileChannel d, Path path) {
            this.d = d;
            this.path = path;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return write(src, -1);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            int allowed = take(src.remaining());
            if (allowed == 0 && src.hasRemaining()) {
                throw full();
            }
            int limit = src.limit();
            src.limit(src.position() + allowed);
            try {
                return position < 0 ? d.write(src) : d.write(src, position);
            } finally {
                src.limit(limit);
            }
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                int want = srcs[i].remaining();
                if (want == 0) {
                    continue;
                }
                int allowed = take(want);
                if (allowed == 0) {
                    if (total > 0) {
                        return total;
                    }
                    throw full();
                }
                int limit = srcs[i].limit();
                srcs[i].limit(srcs[i].position() + allowed);
                try {
                    total += d.write(srcs[i]);
                } finally {
                    srcs[i].limit(limit);
                }
                if (allowed < want) {
                    return total;
                }
            }
            return total;
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            if (truncateFails) {
                throw new IOException("Input/output error");
            }
            d.truncate(size);
            return this;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return d.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return d.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return d.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return d.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            d.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return d.size();
        }

        @Override
        public void force(boolean metaData) throws IOException {
            forces.incrementAndGet();
            forced.add(path);
            if (forceFails) {
                throw new IOException("Input/output error");
            }
            java.util.concurrent.CountDownLatch h = hangForce;
            if (h != null && h.getCount() > 0) {
                forcesHanging.incrementAndGet();
                try {
                    awaitIgnoringInterrupts(h);
                } finally {
                    forcesHanging.decrementAndGet();
                }
            }
            d.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return d.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new UnsupportedOperationException("not used by the journal");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new UnsupportedOperationException("the journal maps nothing");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return d.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return d.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            openChannels.decrementAndGet();
            d.close();
        }
    }
}
