/**
 * Delivery: the third stage on an event's path (intake, buffer, delivery, store). A single sender
 * thread per pipeline takes batches from the {@code buffer}, appends each to the current object of
 * the {@code store}, rolls over to the next object (by period, size or a replaced object) and
 * retries with a jittered exponential backoff until the batch lands or stop gives up.
 *
 * <p>Public entry points:
 * <ul>
 *   <li>{@link io.github.appendlog.delivery.Delivery}: built once per pipeline with
 *       {@code Delivery.create(...)}; its {@code run()} is the sender loop, and its stop methods
 *       end it within the stop deadline.
 *   <li>{@link io.github.appendlog.delivery.ObjectKeyPattern#parse}: the object key pattern's
 *       syntax, which the config checks with it.
 * </ul>
 *
 * <p>Contract: a batch lands whole and at most once in one object, in the order it was formed;
 * a batch that fails stays, unchanged, until it lands or stop gives up; every event that stays
 * unsent is counted once in the pipeline's ledger. Everything else in this package is
 * package-private.
 */
package io.github.appendlog.delivery;
