package io.github.appendlog.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The router: parses each request, counts it, applies injected faults, checks the signature and
 * the bucket, runs the operation and writes the reply with OSS's common headers.
 */
final class OssRequestHandler implements HttpRequestHandler {
    private static final int MAX_BODY_BYTES = Integer.MAX_VALUE - 16;

    private final RequestParser parser;
    private final SignatureVerifier verifier;
    private final ObjectStore store;
    private final ObjectOperations objects;
    private final ListObjectsResponder lister;
    private final FaultInjector faults;
    private final RequestCounters counters;
    private final AdminEndpoint admin;
    private final String requestIdPrefix = String.format("%08X", (int) (System.nanoTime() ^ System.identityHashCode(this)));
    private final AtomicLong requestSeq = new AtomicLong();

    OssRequestHandler(ObjectStore store, SignatureVerifier verifier, FaultInjector faults, RequestCounters counters) {
        this.parser = new RequestParser(store.bucketNames());
        this.verifier = verifier;
        this.store = store;
        this.objects = new ObjectOperations(store);
        this.lister = new ListObjectsResponder(store);
        this.faults = faults;
        this.counters = counters;
        this.admin = new AdminEndpoint(faults, counters);
    }

    @Override
    public void handle(ClassicHttpRequest httpRequest, ClassicHttpResponse response, HttpContext context)
            throws IOException {
        OssRequest request = parser.parse(httpRequest);
        if (AdminEndpoint.BUCKET.equals(request.bucket())) {
            admin.handle(request, response);
            return;
        }
        String requestId = requestIdPrefix + String.format("%016X", requestSeq.incrementAndGet());
        Operation op = request.operation();
        counters.record(op);
        Reply reply;
        boolean bodyRead = false;
        FaultInjector.Fault fault = faults.beforeApply(op);
        ChaosFaults.Draw chaos = fault == null ? faults.drawChaos() : ChaosFaults.Draw.NONE;
        if (chaos.fault() != null) {
            fault = chaos.fault();
        }
        if (fault != null && fault.reset) {
            throw new ConnectionDrop("injected reset before apply");
        }
        if (fault != null) {
            reply = Reply.error(fault.error);
        } else {
            OssError rejected = admit(request, op);
            if (rejected != null) {
                counters.recordRefusal(rejected.code());
                reply = Reply.error(rejected);
            } else {
                byte[] body = null;
                if (op == Operation.PUT || op == Operation.APPEND) {
                    body = readBody(httpRequest.getEntity());
                    bodyRead = true;
                }
                reply = serve(op, request, body);
                if (reply.succeeded() && (chaos.dropAfterApply() || faults.dropAfterApply(op))) {
                    throw new ConnectionDrop("injected drop after apply");
                }
            }
        }
        Duration delay = chaos.delay().isZero() ? faults.delayFor(op) : chaos.delay();
        if (!delay.isZero()) {
            sleep(delay);
        }
        if (!bodyRead) {
            finishRequestBody(httpRequest.getEntity(), response);
        }
        write(reply, request, requestId, response);
    }

    /** Null if the request may proceed: signed, for a known bucket and a served operation. */
    private OssError admit(OssRequest request, Operation op) {
        OssError authError = verifier.verify(request);
        if (authError != null) {
            return authError;
        }
        if (request.bucket() != null && !store.hasBucket(request.bucket())) {
            return OssError.noSuchBucket(request.bucket());
        }
        return op == Operation.OTHER ? OssError.notImplemented() : null;
    }

    private Reply serve(Operation op, OssRequest request, byte[] body) throws IOException {
        switch (op) {
            case PUT: return objects.put(request, body);
            case APPEND: return objects.append(request, body);
            case GET: return objects.get(request);
            case HEAD: return objects.head(request);
            case DELETE: return objects.delete(request);
            case LIST: return lister.list(request);
            default: return Reply.error(OssError.notImplemented());
        }
    }

    private static byte[] readBody(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        long length = entity.getContentLength();
        if (length > MAX_BODY_BYTES) {
            throw new ConnectionDrop("request body too large for the emulator");
        }
        try (InputStream in = entity.getContent()) {
            if (length < 0) {
                return in.readAllBytes(); // chunked
            }
            byte[] body = new byte[(int) length];
            if (in.readNBytes(body, 0, body.length) < body.length) {
                throw new ConnectionDrop("request body shorter than its Content-Length");
            }
            return body;
        }
    }

    /** Reads a small unread body so the connection can be reused; otherwise asks to close it. */
    private static void finishRequestBody(HttpEntity entity, ClassicHttpResponse response) throws IOException {
        if (entity == null) {
            return;
        }
        long length = entity.getContentLength();
        if (length >= 0 && length <= 1024 * 1024) {
            EntityUtils.consume(entity);
        } else {
            response.setHeader("Connection", "close");
        }
    }

    private static void write(Reply reply, OssRequest request, String requestId, ClassicHttpResponse response) {
        response.setCode(reply.status());
        response.setHeader("x-oss-request-id", requestId);
        for (Map.Entry<String, String> h : reply.headers()) {
            response.addHeader(h.getKey(), h.getValue());
        }
        OssError error = reply.error();
        if (error == null) {
            response.setEntity(reply.entity());
            return;
        }
        for (Map.Entry<String, String> h : error.headers().entrySet()) {
            response.setHeader(h.getKey(), h.getValue());
        }
        if (error.ec() != null) {
            response.setHeader("x-oss-ec", error.ec());
        }
        String xml = ErrorXml.render(error, requestId, request.host());
        if ("HEAD".equals(request.method())) {
            // A HEAD reply has no body: OSS repeats the error XML, base64-encoded, in x-oss-err.
            response.setHeader("x-oss-err", Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)));
            return;
        }
        response.setEntity(new StringEntity(xml, ContentType.create("application/xml", StandardCharsets.UTF_8)));
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionDrop("emulator stopping");
        }
    }
}
