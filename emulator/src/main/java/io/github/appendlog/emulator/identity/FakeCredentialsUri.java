package io.github.appendlog.emulator.identity;

import io.github.appendlog.emulator.OssEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * A fake credentials URI (what {@code ALIBABA_CLOUD_CREDENTIALS_URI} points at), on 127.0.0.1:
 * {@code GET} of {@link #uri()} answers a newly minted key pair as the instance-metadata service
 * does, {@code {"AccessKeyId","AccessKeySecret","Expiration","SecurityToken","LastUpdated","Code"}};
 * another path is 404, another method 405. Each reply mints a key pair with the configured lifetime
 * (expiry rounded up to a whole second, see {@link KeyMinter}) and registers it with the emulator.
 *
 * <pre>
 * try (FakeCredentialsUri uri = FakeCredentialsUri.builder().emulator(emu)
 *         .lifetime(Duration.ofSeconds(3)).start()) {
 *     String credentialsUri = uri.uri();   // http://127.0.0.1:PORT/credentials
 * }
 * </pre>
 */
public final class FakeCredentialsUri extends FakeService {
    private final String path;
    private volatile String code;
    private volatile Duration lifetime;

    private FakeCredentialsUri(Builder b) throws IOException {
        super("credentials-uri", b.port, new KeyMinter(b.emulator));
        this.path = b.path;
        this.code = b.code;
        this.lifetime = b.lifetime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The URI to configure: {@code http://127.0.0.1:PORT/<path>}. */
    public String uri() {
        return endpoint() + path;
    }

    /** The {@code Code} field of replies ("Success" for a usable reply). */
    public void code(String code) {
        this.code = code;
    }

    /** The lifetime of key pairs minted from now on. */
    public void lifetime(Duration lifetime) {
        this.lifetime = KeyMinter.checkLifetime(lifetime);
    }

    @Override
    Answer answer(RecordedRequest r) {
        if (!r.path().equals(path)) {
            return Answer.text(404, "Not Found");
        }
        if (!r.method().equals("GET")) {
            return Answer.text(405, "method not allowed");
        }
        return Answer.json(200, FakeInstanceMetadata.metadataJson(minter.mint(lifetime), code));
    }

    @Override
    Answer failure(int status, RecordedRequest request) {
        return Answer.text(status, "injected failure");
    }

    /** Settings of a {@link FakeCredentialsUri}; {@link #start()} starts it. */
    public static final class Builder {
        private int port;
        private OssEmulator emulator;
        private String path = "/credentials";
        private String code = "Success";
        private Duration lifetime = Duration.ofHours(1);

        private Builder() {
        }

        /** 0 (default): a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The emulator every minted key pair is registered with (with its expiry). */
        public Builder emulator(OssEmulator emulator) {
            this.emulator = emulator;
            return this;
        }

        /** The path served (default {@code /credentials}). */
        public Builder path(String path) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            this.path = path;
            return this;
        }

        /** The {@code Code} of replies (default "Success"). */
        public Builder code(String code) {
            this.code = code;
            return this;
        }

        /** How long minted key pairs are valid (default 1 hour; tests use seconds). */
        public Builder lifetime(Duration lifetime) {
            this.lifetime = KeyMinter.checkLifetime(lifetime);
            return this;
        }

        public FakeCredentialsUri start() {
            try {
                return new FakeCredentialsUri(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fake credentials URI", e);
            }
        }
    }
}
