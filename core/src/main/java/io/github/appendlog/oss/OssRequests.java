package io.github.appendlog.oss;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.credentials.CredentialsProvider;
import io.github.appendlog.oss.sign.RequestSigner;
import io.github.appendlog.oss.sign.SignableRequest;
import io.github.appendlog.store.StoreErrorKind;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;

/**
 * Sends one signed request to OSS and reads its reply, for {@link OssHttpClient}'s operations:
 * signs it with the credentials' current key and the clock's time, runs it on the pooled HTTP
 * client never past {@code min(requestTimeout, deadline)} ({@link RequestDeadlines}), and turns an
 * error reply into an {@link OssServiceException}; after an authentication failure it asks the
 * credentials provider to look for a rotated key. One attempt per call, never retried here, except
 * the one resend with refreshed credentials after a 403 that says they expired ({@link #execute}).
 * {@link #close} cancels the requests in flight. Thread-safe.
 */
final class OssRequests implements AutoCloseable {
    /** The 403 codes that mean the credentials are out of date: refresh them and resend once. */
    static final Set<String> STALE_CREDENTIALS = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(
            "SecurityTokenExpired", "InvalidSecurityToken", "InvalidAccessKeyId",
            "AccessKeyIdAndSecurityTokenNotMatch")));
    private static final List<String> SIGNATURE_HEADERS = Arrays.asList("Authorization", "x-oss-security-token");

    private final CloseableHttpClient http;
    private final CredentialsProvider credentials;
    private final RequestSigner signer;
    private final Clock clock;
    private final OssErrorClassifier errors;
    private final RequestDeadlines deadlines;
    private volatile String signedWith = "(none yet)";

    OssRequests(CloseableHttpClient http, CredentialsProvider credentials, RequestSigner signer, Clock clock,
            OssErrorClassifier errors, RequestDeadlines deadlines) {
        this.http = http;
        this.credentials = credentials;
        this.signer = signer;
        this.clock = clock;
        this.errors = errors;
        this.deadlines = deadlines;
    }

    /**
     * Signs {@code signable} onto {@code request} and runs it, cancelled at {@code deadlineNanos}. A
     * 403 saying the credentials expired or are unknown ({@link #STALE_CREDENTIALS}) invalidates them
     * and, if the provider then gives other credentials, the request is signed with those and sent
     * again, once (a 403 means the store did not apply it, so an append resent at the same position
     * cannot land twice).
     *
     * @throws IOException also when the provider has no credentials to give (nothing was sent then,
     *     or the refused request was not applied): the caller retries as after a network error
     */
    HttpReply execute(HttpUriRequestBase request, SignableRequest signable, long deadlineNanos, String operation)
            throws IOException {
        Credentials used = credentials(operation);
        HttpReply reply = send(request, signable, used, deadlineNanos, operation);
        if (reply.status != 403) {
            return reply;
        }
        String code = parse(reply).code();
        if (code == null || !STALE_CREDENTIALS.contains(code)) {
            return reply;
        }
        credentials.invalidate();
        Credentials fresh = credentials(operation + " (refused with " + code + " for access key id "
                + used.accessKeyId() + ")");
        if (fresh.sameKeys(used)) {
            return reply;
        }
        request.reset();
        return send(request, signable, fresh, deadlineNanos, operation);
    }

    private HttpReply send(HttpUriRequestBase request, SignableRequest signable, Credentials with, long deadlineNanos,
            String operation) throws IOException {
        for (String replaced : SIGNATURE_HEADERS) { // an earlier signing's, when sent again
            signable.removeHeader(replaced);
            request.removeHeaders(replaced);
        }
        signer.sign(signable, with, clock.instant());
        signedWith = with.accessKeyId();
        for (Map.Entry<String, String> h : signable.headers().entrySet()) {
            request.setHeader(h.getKey(), h.getValue());
        }
        return deadlines.run(request, deadlineNanos, operation, () -> http.execute(request, response -> {
            HttpEntity entity = response.getEntity();
            byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
            return new HttpReply(response.getCode(), response.getHeaders(), body);
        }));
    }

    /** The provider's credentials; what it throws becomes an I/O error of the operation. */
    private Credentials credentials(String operation) throws IOException {
        Credentials current;
        try {
            current = credentials.credentials();
        } catch (RuntimeException e) {
            throw new IOException(operation + ": no credentials to sign with: "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
        }
        if (current == null) {
            throw new IOException(operation + ": no credentials to sign with: " + credentials + " gave none");
        }
        return current;
    }

    /** The access key id of the last request signed, for error messages (the one a refusal is about). */
    String signedWith() {
        return signedWith;
    }

    /** The exception for an error reply to {@code operation} on {@code key}. */
    OssServiceException error(HttpReply reply, String operation, String key) {
        return refused(errors.toException(parse(reply), operation, key));
    }

    /** Like {@link #error}, for a reply already parsed. */
    OssServiceException error(OssErrorReply parsed, String operation, String key) {
        return refused(errors.toException(parsed, operation, key));
    }

    /** After an authentication failure, the credentials source looks for a rotated key for the next request. */
    private OssServiceException refused(OssServiceException e) {
        if (e.kind() == StoreErrorKind.AUTH_FAILED) {
            credentials.invalidate();
        }
        return e;
    }

    static OssErrorReply parse(HttpReply reply) {
        return OssErrorReply.parse(reply.status, reply.body, reply.header("x-oss-err"),
                reply.header(OssHttpClient.REQUEST_ID), reply.header("x-oss-ec"),
                reply.header(OssHttpClient.NEXT_POSITION));
    }

    @Override
    public void close() {
        deadlines.close();
        http.close(CloseMode.IMMEDIATE);
    }
}
