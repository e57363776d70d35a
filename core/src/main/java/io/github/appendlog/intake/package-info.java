/**
 * Intake: the first stage of an event's path, on the logging thread. It decides whether each event
 * gets into the {@link io.github.appendlog.buffer.EventBuffer} (truncating one longer than
 * {@code maxEventBytes}), counts every refusal in the {@link io.github.appendlog.status.EventLedger},
 * and, unless {@code encodeOnCallerThread}, hands events not encoded yet to the encoder thread,
 * which encodes them into the buffer in the order of the calls.
 *
 * <p>Path: {@code pipeline} (the adapters' API, {@code AppendPipeline}) &rarr; <b>intake</b> &rarr;
 * {@code buffer} &rarr; {@code delivery} (the sender) &rarr; {@code store}/{@code oss}.
 *
 * <p>Public entry point: {@link io.github.appendlog.intake.Intake} only; everything else here is
 * package-private.
 *
 * <p>Contract: an offer never touches the network and never blocks, except with
 * {@code overflowPolicy=BLOCK}, up to {@code maxBlockTime}; it returns false when the event was
 * dropped or refused after stop, and counts it. Whatever the application's code inside the call
 * throws (an encoder, a layout, a copier) drops that event only. Stopping returns by its deadline,
 * even when an encoder hangs, and what could not be encoded is counted once.
 */
package io.github.appendlog.intake;
