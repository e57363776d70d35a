/**
 * The store seam, between delivery and a concrete store on an event's path (intake, buffer,
 * delivery, store): {@link io.github.appendlog.store.AppendStore} is what delivery needs from an
 * append-object store (OSS now, in {@code oss}), with its replies
 * ({@link io.github.appendlog.store.AppendReply}, {@link io.github.appendlog.store.ObjectInfo}),
 * its checksum ({@link io.github.appendlog.store.ObjectChecksum}) and its errors
 * ({@link io.github.appendlog.store.StoreException}, classified by
 * {@link io.github.appendlog.store.StoreErrorKind}). All of it is public: stores, tests and
 * benchmarks implement or call it.
 *
 * <p>Contract: each call is one request with no retry (retrying is delivery's job: an append is
 * not idempotent) and ends by the caller's deadline or the store's request timeout; an
 * {@code IOException} means the outcome is unknown, a {@code StoreException} is a reply that says
 * what went wrong.
 */
package io.github.appendlog.store;
