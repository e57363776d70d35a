package io.github.appendlog.pipeline;

/**
 * Copies an adapter's event into a reusable holder that the pipeline keeps, one per hand-off slot,
 * so that handing an event to the encoder thread allocates nothing on the logging thread (the
 * framework's own event is reused once the log call returns, so it cannot be handed over itself).
 * The pipeline asks for a holder with {@link #newHolder} the first time a slot is used, has the
 * logging thread fill it with {@link #copy}, the encoder thread encode it ({@link #encode}), and
 * {@link #clear}s it, so a holder keeps no reference to an event's objects once it is encoded or
 * dropped. A holder is used by one thread at a time.
 *
 * @param <E> the framework's event
 * @param <H> the holder; the pipeline refills any holder of this class, whichever copier made it
 */
public interface EventCopier<E, H> extends EventEncoder<H> {
    /** The class of this copier's holders. */
    Class<H> holderType();

    /** A new, empty holder. */
    H newHolder();

    /**
     * On the logging thread: copies what encoding will read from the event into the holder (the
     * formatted message, the context, the thread).
     *
     * @return the size hint: a guess of the encoded size without the layout's fixed part, such as
     *     the message's length (see {@link SizeEstimate})
     */
    int copy(E event, H holder);

    /** Forgets the references the holder took from its event (keeping its reusable storage). */
    void clear(H holder);
}
