package io.github.appendlog.emulator;

import io.github.appendlog.credentials.Credentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * A local OSS-compatible append server (PutObject, AppendObject, GetObject, HeadObject,
 * DeleteObject, ListObjects/V2; V1 and V4 signatures; STS tokens; OSS error replies), for tests,
 * samples and benchmarks. Objects live in memory or, with {@link Builder#dataDirectory}, in a
 * directory that survives a restart. Key pairs, temporary ones with a token and an expiry among
 * them, come from the builder, a credentials file and {@link #addCredentials} at run time.
 *
 * <pre>
 * try (OssEmulator emu = OssEmulator.builder().bucket("logs").credentials("id", "secret").start()) {
 *     String endpoint = emu.endpoint(); // http://127.0.0.1:PORT
 *     emu.faults().failNext(Operation.APPEND, 1, 500, "InternalError");
 * }
 * </pre>
 */
public final class OssEmulator implements AutoCloseable {
    /** Password of the PKCS12 file returned by {@link #trustStore()}. */
    public static final String TRUST_STORE_PASSWORD = "changeit";

    private final ObjectStore store;
    private final KeyRing keys;
    private final FaultInjector faults = new FaultInjector();
    private final RequestCounters counters = new RequestCounters();
    private final EmulatorListener listener;
    private final String region;

    private OssEmulator(Builder b) throws IOException {
        this.region = b.region;
        StorageBackend backend = b.dataDirectory == null ? new MemoryBackend() : new DirectoryBackend(b.dataDirectory);
        this.store = new ObjectStore(b.buckets, backend, b.maxObjectBytes, System::currentTimeMillis);
        this.keys = new KeyRing(b.credentials, b.loadedCredentialsFile);
        SignatureVerifier verifier = new SignatureVerifier(keys, b.region, System::currentTimeMillis, b.publicRead);
        OssRequestHandler handler = new OssRequestHandler(store, verifier, faults, counters);
        this.listener = new EmulatorListener(b.bindAddress, b.port, b.https, handler,
                TRUST_STORE_PASSWORD.toCharArray());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT} (or {@code https://...}). */
    public String endpoint() {
        return listener.scheme() + "://127.0.0.1:" + port();
    }

    public int port() {
        return listener.port();
    }

    /** The V4 signing region the emulator accepts. */
    public String region() {
        return region;
    }

    /** The object's bytes, or null if the key holds none. */
    public byte[] objectBytes(String bucket, String key) {
        ObjectSnapshot s = store.find(knownBucket(bucket), key);
        if (s == null) {
            return null;
        }
        try (InputStream in = s.data().open(0, s.length())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(s.length(), Integer.MAX_VALUE - 8));
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys that start with {@code prefix}, in order. */
    public List<String> objectKeys(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        for (Iterator<ObjectSnapshot> it = store.iterate(knownBucket(bucket), prefix == null ? "" : prefix, null);
                it.hasNext(); ) {
            keys.add(it.next().key());
        }
        return keys;
    }

    /**
     * Creates a bucket while the emulator runs (as an operator fixing a missing bucket would);
     * false if it exists already.
     */
    public boolean createBucket(String bucket) {
        if (bucket == null || bucket.isEmpty() || bucket.startsWith("_") || bucket.contains("/")) {
            throw new IllegalArgumentException("invalid bucket name: " + bucket);
        }
        try {
            return store.createBucket(bucket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores a Normal object (not appendable), as PutObject does. */
    public void putObject(String bucket, String key, byte[] bytes) {
        try {
            store.put(knownBucket(bucket), key, bytes.clone(), ObjectHeaders.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes an object, as DeleteObject does. */
    public void deleteObject(String bucket, String key) {
        try {
            store.delete(knownBucket(bucket), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object's {@code x-oss-object-type} ("Appendable" or "Normal"), or null if absent. */
    public String objectType(String bucket, String key) {
        ObjectSnapshot s = store.find(knownBucket(bucket), key);
        return s == null ? null : s.type().wireName();
    }

    /** The object's CRC-64/ECMA (unsigned in a long), as {@code x-oss-hash-crc64ecma} reports it. */
    public long objectCrc64(String bucket, String key) {
        ObjectSnapshot s = store.find(knownBucket(bucket), key);
        if (s == null) {
            throw new IllegalArgumentException("no object " + key + " in bucket " + bucket);
        }
        return s.crc64();
    }

    /**
     * Accepts this key pair from now on (replacing any with the same id), until {@code expiresAt}
     * if not null: from that instant a request with the right token gets 403
     * {@code SecurityTokenExpired} (without a token, {@code InvalidAccessKeyId}). Thread-safe.
     */
    public void addCredentials(String accessKeyId, String accessKeySecret, String securityToken, Instant expiresAt) {
        addCredentials(new Credentials(accessKeyId, accessKeySecret, securityToken, expiresAt));
    }

    /** As {@link #addCredentials(String, String, String, Instant)}, with the credentials' own expiry. */
    public void addCredentials(Credentials credentials) {
        keys.add(credentials);
    }

    /**
     * Ends the validity of the key pair now known under this id, as if its expiry had passed (the
     * server-side expiry a forced refresh must recover from). A key pair added later under the same
     * id with another secret or token is valid again.
     *
     * @throws IllegalArgumentException if no key pair has this id
     */
    public void expireCredentials(String accessKeyId) {
        if (!keys.expire(accessKeyId)) {
            throw new IllegalArgumentException("the emulator has no key pair with id " + accessKeyId);
        }
    }

    /** Forgets a key pair given to the builder or added at run time; false if there was none. */
    public boolean removeCredentials(String accessKeyId) {
        return keys.remove(accessKeyId);
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Requests received for {@code op} ({@link Operation#ANY}: all), including refused ones. */
    public long requestCount(Operation op) {
        return counters.count(op);
    }

    /**
     * Requests refused before they were served (a bad signature, expired or unknown credentials, a
     * missing bucket) with the error {@code code}, e.g. {@code SecurityTokenExpired}; injected faults
     * are not counted.
     */
    public long refusals(String code) {
        return counters.refusals(code);
    }

    public void resetRequestCounts() {
        counters.reset();
    }

    /** A PKCS12 trust store (password {@link #TRUST_STORE_PASSWORD}) holding the certificate; https only. */
    public Path trustStore() {
        return listener.trustStore();
    }

    /** An SSL context that trusts this emulator's certificate; https only. */
    public SSLContext clientSslContext() {
        return listener.clientSslContext();
    }

    /** Stops serving (connections are cut) and, with a data directory, writes the metadata checkpoints. */
    @Override
    public void close() {
        try {
            listener.close();
            store.checkpoint();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String knownBucket(String bucket) {
        if (!store.hasBucket(bucket)) {
            throw new IllegalArgumentException("the emulator has no bucket " + bucket + " (it has "
                    + store.bucketNames() + ")");
        }
        return bucket;
    }

    /** Settings for {@link OssEmulator}; {@link #start()} checks them and starts the server. */
    public static final class Builder {
        private int port;
        private String bindAddress = "127.0.0.1";
        private final Set<String> buckets = new LinkedHashSet<>();
        private final Map<String, Credentials> credentials = new LinkedHashMap<>();
        private Path credentialsFile;
        private CredentialsFile loadedCredentialsFile;
        private String region = "cn-hangzhou";
        private Path dataDirectory;
        private long maxObjectBytes = 5L * 1024 * 1024 * 1024;
        private boolean https;
        private boolean publicRead;

        private Builder() {
        }

        /** 0 (default): a random free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The address to listen on (default 127.0.0.1). */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** A bucket to create at start; repeatable. */
        public Builder bucket(String name) {
            if (name == null || name.isEmpty() || name.startsWith("_") || name.contains("/")) {
                throw new IllegalArgumentException("invalid bucket name: " + name);
            }
            buckets.add(name);
            return this;
        }

        /** A known access key pair; repeatable. */
        public Builder credentials(String accessKeyId, String accessKeySecret) {
            return credentials(accessKeyId, accessKeySecret, null);
        }

        /** A known STS key: requests with this id must carry {@code securityToken}. */
        public Builder credentials(String accessKeyId, String accessKeySecret, String securityToken) {
            return credentials(accessKeyId, accessKeySecret, securityToken, null);
        }

        /** A known temporary key, valid until {@code expiresAt} (see {@link OssEmulator#addCredentials}). */
        public Builder credentials(String accessKeyId, String accessKeySecret, String securityToken,
                Instant expiresAt) {
            credentials.put(accessKeyId, new Credentials(accessKeyId, accessKeySecret, securityToken, expiresAt));
            return this;
        }

        /**
         * Also accept the key pairs of this file, lines {@code id secret [token [expires-at]]}
         * ({@code #} comments), re-read whenever it changes; the builder's and run-time key pairs
         * take precedence over the file's for the same id.
         */
        public Builder credentialsFile(Path file) {
            this.credentialsFile = file;
            return this;
        }

        /** The V4 region accepted (default cn-hangzhou). */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Keep objects in this directory (created if needed) instead of memory. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /** The largest object an append may produce (default 5 GiB). */
        public Builder maxObjectBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxObjectBytes must be positive: " + bytes);
            }
            this.maxObjectBytes = bytes;
            return this;
        }

        /** Serve HTTPS with a self-signed certificate (see {@link OssEmulator#trustStore()}). */
        /**
         * Whether a GET or HEAD without an {@code Authorization} header is served (as from a
         * public-read bucket), so that {@code curl http://127.0.0.1:9000/logs/app.log} reads an
         * object. Signed requests are checked as always; writes still need a signature.
         */
        public Builder publicRead(boolean publicRead) {
            this.publicRead = publicRead;
            return this;
        }

        public Builder https(boolean https) {
            this.https = https;
            return this;
        }

        public OssEmulator start() {
            List<String> problems = new ArrayList<>();
            if (buckets.isEmpty()) {
                problems.add("bucket: at least one is required");
            }
            loadedCredentialsFile = null;
            if (credentialsFile != null) {
                try {
                    loadedCredentialsFile = CredentialsFile.load(credentialsFile);
                } catch (IllegalArgumentException e) {
                    problems.add("credentialsFile: " + e.getMessage());
                }
            }
            if (credentials.isEmpty() && credentialsFile == null) {
                problems.add("credentials: at least one access key pair (or a credentials file) is required");
            }
            if (region == null || region.isEmpty()) {
                problems.add("region: is required");
            }
            if (port < 0 || port > 65535) {
                problems.add("port: must be 0..65535");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("cannot start the emulator: " + String.join("; ", problems));
            }
            try {
                return new OssEmulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the emulator", e);
            }
        }
    }
}
