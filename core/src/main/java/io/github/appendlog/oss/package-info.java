/**
 * OSS: the store behind the {@code store} seam, the last step on an event's path (intake, buffer,
 * delivery, store). It speaks Alibaba Cloud OSS over HTTP: AppendObject, HeadObject, a ranged
 * GetObject and ListObjectsV2, signed with {@code oss.sign}, and maps OSS error replies to
 * {@link io.github.appendlog.store.StoreErrorKind}s.
 *
 * <p>Public entry points:
 * <ul>
 *   <li>{@link io.github.appendlog.oss.OssHttpClient}: the {@link io.github.appendlog.store.AppendStore}
 *       for OSS, made from a config ({@code OssHttpClient.create}) or with
 *       {@link io.github.appendlog.oss.OssHttpClientBuilder} (tests, tools, benchmarks);
 *   <li>{@link io.github.appendlog.oss.OssServiceException}: an OSS error reply (status, code,
 *       request id, kind);
 *   <li>{@link io.github.appendlog.oss.Crc64}: the CRC-64/ECMA that OSS replies carry;
 *   <li>{@link io.github.appendlog.oss.QuietConnectionFactory}: HttpClient connections that never log,
 *       also used by the credential sources.
 * </ul>
 *
 * <p>Contract (that of {@code AppendStore}): one request per call, never retried here, never
 * running past {@code min(requestTimeout, the caller's deadline)}; an {@code IOException} means the
 * outcome is unknown, an {@code OssServiceException} is a reply that says what went wrong; secrets
 * never appear in messages or {@code toString()}. Everything else in this package is
 * package-private.
 */
package io.github.appendlog.oss;
