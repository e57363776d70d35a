/**
 * Request signing for OSS, used by {@code oss} for every request and by the emulator to verify
 * them: {@link io.github.appendlog.oss.sign.OssV4Signer} and
 * {@link io.github.appendlog.oss.sign.OssV1Signer} sign a
 * {@link io.github.appendlog.oss.sign.SignableRequest} with
 * {@link io.github.appendlog.credentials.Credentials} from a
 * {@link io.github.appendlog.credentials.CredentialsProvider} (fixed, or
 * {@link io.github.appendlog.credentials.ProfileFileCredentials}).
 *
 * <p>Contract: a signer never reads the clock (the time is passed in), so the same request,
 * credentials and time give the same signature; secrets never appear in {@code toString()} or
 * messages.
 */
package io.github.appendlog.oss.sign;
