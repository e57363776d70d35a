package io.github.appendlog.oss;

import io.github.appendlog.credentials.CredentialsProvider;
import io.github.appendlog.oss.sign.RequestSigner;
import io.github.appendlog.oss.sign.SignableRequest;
import io.github.appendlog.store.StoreErrorKind;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
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
 * credentials source to look for a rotated key. One attempt per call, never retried here.
 * {@link #close} cancels the requests in flight. Thread-safe.
 */
final class OssRequests implements AutoCloseable {
    private final CloseableHttpClient http;
    private final CredentialsProvider credentials;
    private final RequestSigner signer;
    private final Clock clock;
    private final OssErrorClassifier errors;
    private final RequestDeadlines deadlines;

    OssRequests(CloseableHttpClient http, CredentialsProvider credentials, RequestSigner signer, Clock clock,
            OssErrorClassifier errors, RequestDeadlines deadlines) {
        this.http = http;
        this.credentials = credentials;
        this.signer = signer;
        this.clock = clock;
        this.errors = errors;
        this.deadlines = deadlines;
    }

    /** Signs {@code signable} onto {@code request} and runs it, cancelled at {@code deadlineNanos}. */
    HttpReply execute(HttpUriRequestBase request, SignableRequest signable, long deadlineNanos, String operation)
            throws IOException {
        signer.sign(signable, credentials.credentials(), clock.instant());
        for (Map.Entry<String, String> h : signable.headers().entrySet()) {
            request.setHeader(h.getKey(), h.getValue());
        }
        return deadlines.run(request, deadlineNanos, operation, () -> http.execute(request, response -> {
            HttpEntity entity = response.getEntity();
            byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
            return new HttpReply(response.getCode(), response.getHeaders(), body);
        }));
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
