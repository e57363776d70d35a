/**
 * The API the adapters use: one {@link io.github.appendlog.pipeline.AppendPipeline} per appender,
 * started from a checked {@link io.github.appendlog.config.AppendlogConfig} and a
 * {@link io.github.appendlog.status.StatusReporter}, stopped once. It wires an event's path:
 * {@code intake} (admission on the logging thread, the hand-off, the encoder thread) → {@code buffer}
 * (bounded bytes, batches) → {@code delivery} (the sender loop, rollover, the append writer) →
 * {@code store} (the store interface, with {@code oss} behind it), counting every event's fate in the
 * {@link io.github.appendlog.status.EventLedger}.
 *
 * <p>An adapter hands each event over in one of three ways: encoded bytes
 * ({@code offer(byte[], ...)}), the event with an {@link io.github.appendlog.pipeline.EventEncoder}
 * that the encoder thread runs later, or a copy made by an {@link io.github.appendlog.pipeline.EventCopier}
 * into a holder the pipeline reuses. {@link io.github.appendlog.pipeline.SizeEstimate} gives the size
 * hint for an event not yet encoded. The contract of each call (what it may wait for, what it drops
 * and counts, what stop guarantees) is on {@code AppendPipeline}.
 */
package io.github.appendlog.pipeline;
