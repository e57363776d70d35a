package io.github.appendlog.oss;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.Setting;
import io.github.appendlog.config.SignatureVersion;
import io.github.appendlog.credentials.CredentialsProvider;
import io.github.appendlog.oss.sign.OssV1Signer;
import io.github.appendlog.oss.sign.OssV4Signer;
import io.github.appendlog.oss.sign.RequestSigner;
import io.github.appendlog.oss.sign.SignableRequest;
import io.github.appendlog.pipeline.PipelineThreadFactory;
import io.github.appendlog.status.StatusReporter;
import io.github.appendlog.store.AppendReply;
import io.github.appendlog.store.AppendStore;
import io.github.appendlog.store.ObjectChecksum;
import io.github.appendlog.store.ObjectInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpHead;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * The OSS {@link AppendStore}: AppendObject, HeadObject, a ranged GetObject and ListObjectsV2 (keys,
 * or {@linkplain #listObjects objects with size, time and type}) over
 * HTTP (Apache HttpClient 5, classic API), each signed (V4 or V1) with the time of the builder's
 * clock. One request per call, never retried here (the caller retries), and never running past
 * {@code min(requestTimeout, the caller's deadline)}, sending included ({@link OssRequests});
 * closing the client cancels the requests in flight. Error replies become
 * {@link OssServiceException}s whose messages say what to check. Made from a config with
 * {@link #create}, or with {@link #builder()}. Thread-safe.
 */
public final class OssHttpClient implements AppendStore {
    static final String NEXT_POSITION = "x-oss-next-append-position";
    static final String CRC64 = "x-oss-hash-crc64ecma";
    static final String OBJECT_TYPE = "x-oss-object-type";
    static final String REQUEST_ID = "x-oss-request-id";
    /** "No deadline but requestTimeout": far away, yet safe for nanoTime arithmetic. */
    private static final long NO_DEADLINE_NANOS = TimeUnit.DAYS.toNanos(365);

    private final ObjectUrls urls;
    private final CredentialsProvider credentials;
    private final RequestSigner signer;
    private final String contentType;
    private final OssRequests requests;
    private final int listPageKeys;

    OssHttpClient(OssHttpClientBuilder b) throws IOException {
        this.urls = new ObjectUrls(b.endpoint, b.bucket);
        this.credentials = b.credentials;
        this.signer = b.signer;
        this.contentType = b.contentType;
        OssErrorClassifier errors = new OssErrorClassifier(b.bucket, b.endpoint.toString(),
                this::signedWith, b.region);
        CloseableHttpClient http = PooledHttpClients.create(b.connectTimeout, b.requestTimeout, b.trustStore,
                b.trustStorePassword, b.proxy);
        this.requests = new OssRequests(http, b.credentials, b.signer, b.clock, errors,
                new RequestDeadlines(b.requestTimeout, b.threads));
        this.listPageKeys = b.listPageKeys;
    }

    /** For error messages: the access key id the last request was signed with. */
    private String signedWith() {
        return requests.signedWith();
    }

    /**
     * The client an appender configuration describes.
     *
     * @throws UncheckedIOException when the configured trust store cannot be read
     */
    public static OssHttpClient create(AppendlogConfig config) {
        OssHttpClientBuilder b = builder()
                .endpoint(config.endpoint())
                .bucket(config.bucket())
                .credentials(config.credentialsProvider())
                .connectTimeout(config.connectTimeout())
                .requestTimeout(config.requestTimeout())
                .contentType(config.contentType())
                .proxy(config.get(Setting.PROXY))
                .threads(new PipelineThreadFactory("request-deadline", config.name(), StatusReporter.NONE));
        if (config.signatureVersion() == SignatureVersion.V1) {
            b.signer(new OssV1Signer(), null);
        } else {
            b.signer(new OssV4Signer(config.region()), config.region());
        }
        if (config.trustStore() != null) {
            b.trustStore(Paths.get(config.trustStore()), config.trustStorePassword());
        }
        try {
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    public static OssHttpClientBuilder builder() {
        return new OssHttpClientBuilder();
    }

    /**
     * {@code POST /key?append&position=N}, bounded by {@code requestTimeout} only.
     *
     * @param creating true for the append that creates the object: only then is Content-Type sent
     */
    public AppendReply append(String key, long position, byte[] data, int offset, int length, boolean creating)
            throws IOException, OssServiceException {
        return append(key, position, data, offset, length, creating, System.nanoTime() + NO_DEADLINE_NANOS);
    }

    /** {@code POST /key?append&position=N}; the append at position 0 creates the object and sends Content-Type. */
    @Override
    public AppendReply append(String key, long position, byte[] data, int offset, int length, long deadlineNanos)
            throws IOException, OssServiceException {
        return append(key, position, data, offset, length, position == 0, deadlineNanos);
    }

    /** Like {@link #append(String, long, byte[], int, int, boolean)}, cancelled at {@code deadlineNanos}. */
    public AppendReply append(String key, long position, byte[] data, int offset, int length, boolean creating,
            long deadlineNanos) throws IOException, OssServiceException {
        Objects.checkFromIndexSize(offset, length, data.length);
        SignableRequest signable = new SignableRequest("POST", urls.bucket(), key)
                .addQuery("append", null)
                .addQuery("position", Long.toString(position));
        if (creating && contentType != null) {
            signable.header("Content-Type", contentType);
        }
        HttpPost post = new HttpPost(urls.object(key, "append&position=" + position));
        post.setEntity(new ByteArrayEntity(data, offset, length, null));
        String operation = "append of " + length + " bytes to '" + key + "' at position " + position;
        HttpReply reply = requests.execute(post, signable, deadlineNanos, operation);
        if (reply.status != 200) {
            throw requests.error(reply, operation, key);
        }
        String next = reply.header(NEXT_POSITION);
        long nextPosition;
        try {
            nextPosition = Long.parseLong(next == null ? "" : next.trim());
        } catch (NumberFormatException e) {
            throw new IOException(operation + ": the reply's " + NEXT_POSITION + " is '" + next
                    + "', not a position (request id " + reply.header(REQUEST_ID) + ")");
        }
        String crc = reply.header(CRC64);
        Long crcValue = HttpReply.unsignedCrc(crc);
        return new AppendReply(nextPosition, crcValue == null ? 0 : crcValue, crcValue != null,
                reply.header(REQUEST_ID));
    }

    /** {@code HEAD /key}, bounded by {@code requestTimeout} only; null when the object does not exist. */
    public ObjectInfo head(String key) throws IOException, OssServiceException {
        return head(key, System.nanoTime() + NO_DEADLINE_NANOS);
    }

    @Override
    public ObjectInfo head(String key, long deadlineNanos) throws IOException, OssServiceException {
        HttpReply reply = requests.execute(new HttpHead(urls.object(key, null)),
                new SignableRequest("HEAD", urls.bucket(), key), deadlineNanos, "HEAD '" + key + "'");
        if (reply.status == 200) {
            String length = reply.header(NEXT_POSITION);
            if (length == null) {
                length = reply.header("Content-Length");
            }
            long value;
            try {
                value = Long.parseLong(length == null ? "" : length.trim());
            } catch (NumberFormatException e) {
                throw new IOException("HEAD '" + key + "': the reply has no object length (request id "
                        + reply.header(REQUEST_ID) + ")");
            }
            Long crc = HttpReply.unsignedCrc(reply.header(CRC64));
            String type = reply.header(OBJECT_TYPE);
            String objectType = type == null ? "Normal" : type;
            return new ObjectInfo(value, objectType, "Appendable".equalsIgnoreCase(objectType), crc == null ? 0 : crc,
                    crc != null);
        }
        OssErrorReply parsed = OssRequests.parse(reply);
        if (reply.status == 404 && !"NoSuchBucket".equals(parsed.code())) {
            return null;
        }
        throw requests.error(parsed, "HEAD '" + key + "'", key);
    }

    /** {@code GET /key} with {@code Range: bytes=first-lastInclusive}, bounded by {@code requestTimeout} only. */
    public byte[] getRange(String key, long first, long lastInclusive) throws IOException, OssServiceException {
        return getRange(key, first, lastInclusive, System.nanoTime() + NO_DEADLINE_NANOS);
    }

    @Override
    public byte[] getRange(String key, long first, long lastInclusive, long deadlineNanos)
            throws IOException, OssServiceException {
        if (first < 0 || lastInclusive < first) {
            throw new IllegalArgumentException("bad range " + first + "-" + lastInclusive);
        }
        HttpGet get = new HttpGet(urls.object(key, null));
        get.setHeader("Range", "bytes=" + first + "-" + lastInclusive);
        String operation = "GET '" + key + "' bytes " + first + "-" + lastInclusive;
        HttpReply reply = requests.execute(get, new SignableRequest("GET", urls.bucket(), key), deadlineNanos,
                operation);
        if (reply.status == 206) {
            return reply.body;
        }
        if (reply.status == 200) {
            // The range was ignored: the body is the whole object.
            int from = (int) Math.min(first, reply.body.length);
            int to = (int) Math.min(lastInclusive + 1, reply.body.length);
            return Arrays.copyOfRange(reply.body, from, to);
        }
        throw requests.error(reply, operation, key);
    }

    /** Every key under {@code prefix}, each page bounded by {@code requestTimeout} only. */
    List<String> list(String prefix) throws IOException, OssServiceException {
        return list(prefix, System.nanoTime() + NO_DEADLINE_NANOS);
    }

    /** The keys of {@link #listObjects(String, long)}. */
    @Override
    public List<String> list(String prefix, long deadlineNanos) throws IOException, OssServiceException {
        List<String> keys = new ArrayList<>();
        for (OssObjectSummary o : listObjects(prefix, deadlineNanos)) {
            keys.add(o.key());
        }
        return keys;
    }

    /**
     * Every object under {@code prefix} with its size, time and type: ListObjectsV2
     * ({@code GET /?list-type=2&prefix=...}) in pages of {@code listPageKeys}, each after the previous
     * one's continuation token, every page's request ending by {@code deadlineNanos}.
     */
    public List<OssObjectSummary> listObjects(String prefix, long deadlineNanos) throws IOException, OssServiceException {
        List<OssObjectSummary> objects = new ArrayList<>();
        String token = null;
        do {
            SignableRequest signable = new SignableRequest("GET", urls.bucket(), null)
                    .addQuery("encoding-type", "url")
                    .addQuery("list-type", "2")
                    .addQuery("max-keys", Integer.toString(listPageKeys))
                    .addQuery("prefix", prefix);
            String query = "encoding-type=url&list-type=2&max-keys=" + listPageKeys
                    + "&prefix=" + ObjectUrls.encodeQueryValue(prefix);
            if (token != null) {
                signable.addQuery("continuation-token", token);
                query += "&continuation-token=" + ObjectUrls.encodeQueryValue(token);
            }
            String operation = "listing keys under '" + prefix + "'";
            HttpReply reply = requests.execute(new HttpGet(urls.bucketUrl(query)), signable, deadlineNanos, operation);
            if (reply.status != 200) {
                throw requests.error(reply, operation, prefix);
            }
            OssListPage page;
            try {
                page = OssListPage.parse(reply.body);
            } catch (IllegalArgumentException e) {
                throw new IOException(operation + ": " + e.getMessage() + " (request id " + reply.header(REQUEST_ID)
                        + ")", e);
            }
            objects.addAll(page.objects());
            token = page.nextToken();
        } while (token != null);
        return objects;
    }

    /** CRC-64/ECMA, as {@code x-oss-hash-crc64ecma}. */
    @Override
    public ObjectChecksum checksum() {
        return Crc64.CHECKSUM;
    }

    @Override
    public String location(String key) {
        return "oss://" + urls.bucket() + "/" + key;
    }

    @Override
    public String describe() {
        return urls.toString();
    }

    /** Whether requests use path-style URLs ({@code /bucket/key}). */
    boolean pathStyle() {
        return urls.pathStyle();
    }

    @Override
    public void close() throws IOException {
        requests.close();
    }

    @Override
    public String toString() {
        return "OssHttpClient{" + urls + ", " + credentials + ", signer=" + signer + "}";
    }
}
