/**
 * Buffer: the bounded store between the intake (many producers, the logging or encoder threads) and
 * the sender (one consumer), and the batches the sender forms from it.
 *
 * <p>Path: {@code pipeline} &rarr; {@code intake} &rarr; <b>buffer</b> &rarr; {@code delivery}
 * &rarr; {@code store}/{@code oss}.
 *
 * <p>Public entry points: {@link io.github.appendlog.buffer.EventBuffer} (producers offer or reserve
 * room and add; the consumer takes events and frees room; {@link
 * io.github.appendlog.buffer.EventBuffer#roomOf} is the memory an event is counted for),
 * {@link io.github.appendlog.buffer.Batch} (one append's worth of whole events, in a reused array)
 * and {@link io.github.appendlog.buffer.Batcher} (moves events from the buffer into a batch). The
 * chunked queue and the waiting for room are package-private.
 *
 * <p>Contract: the memory the buffered events take stays within {@code maxBytes} (passed only by
 * the unused chunk ends of producers adding at that moment, and by reservations smaller than their
 * events); a producer never takes a lock unless it chose to wait for room; the consumer is woken when
 * a batch's worth is buffered, never per event; after {@code close} every offer is refused, and
 * waiting producers are released.
 */
package io.github.appendlog.buffer;
