package io.github.appendlog.emulator.identity;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.emulator.OssEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake ECS instance-metadata service (what {@code http://100.100.100.200} answers on an instance
 * with a RAM role), on 127.0.0.1:
 * <ul>
 * <li>{@code PUT /latest/api/token} with {@code X-aliyun-ecs-metadata-token-ttl-seconds} 1..21600:
 * a session token (text) valid that long; a missing or other TTL is 400.</li>
 * <li>{@code GET /latest/meta-data/ram/security-credentials/}: the role name, no trailing newline.</li>
 * <li>{@code GET /latest/meta-data/ram/security-credentials/<role>}: a newly minted key pair as JSON
 * {@code {"AccessKeyId","AccessKeySecret","Expiration","SecurityToken","LastUpdated","Code"}},
 * times as {@code yyyy-MM-ddTHH:mm:ssZ}; 404 for another role.</li>
 * </ul>
 * The GETs take the token in {@code X-aliyun-ecs-metadata-token}; an unknown or expired one is 401.
 * Which requests succeed depends on the {@link Mode}, settable while running. Each credentials GET
 * mints a key pair with the configured lifetime (see {@link KeyMinter} for the rounding of its
 * expiry) and registers it with the emulator.
 *
 * <pre>
 * try (FakeInstanceMetadata imds = FakeInstanceMetadata.builder().emulator(emu).role("app-role")
 *         .lifetime(Duration.ofSeconds(3)).start()) {
 *     String ecsMetadataEndpoint = imds.endpoint();   // http://127.0.0.1:PORT
 * }
 * </pre>
 */
public final class FakeInstanceMetadata extends FakeService {
    static final String TOKEN_PATH = "/latest/api/token";
    static final String CREDENTIALS_PATH = "/latest/meta-data/ram/security-credentials/";
    static final String TTL_HEADER = "X-aliyun-ecs-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "X-aliyun-ecs-metadata-token";

    /** Which of IMDSv1 (no token) and IMDSv2 (session token) the service speaks. */
    public enum Mode {
        /** Hardened mode: a GET without a valid token is 401. */
        IMDSV2_REQUIRED,
        /** ECS's default: GETs with a valid token or without any are answered; an invalid token is 401. */
        IMDSV2_OPTIONAL,
        /** An old service: the token PUT is refused ({@link Builder#tokenRefusedStatus}), GETs need no token. */
        IMDSV1_ONLY,
        /** The PUT answers a token, but every GET that carries one is 403; GETs without a token work. */
        TOKEN_GETS_FAIL
    }

    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final int tokenRefusedStatus;
    private volatile Mode mode;
    private volatile String role;
    private volatile String code;
    private volatile Duration lifetime;

    private FakeInstanceMetadata(Builder b) throws IOException {
        super("imds", b.port, new KeyMinter(b.emulator));
        this.mode = b.mode;
        this.role = b.role;
        this.code = b.code;
        this.lifetime = b.lifetime;
        this.tokenRefusedStatus = b.tokenRefusedStatus;
    }

    public static Builder builder() {
        return new Builder();
    }

    public void mode(Mode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** The role the instance has (discovery answers it; credentials of another role are 404). */
    public void role(String role) {
        this.role = role;
    }

    /** The {@code Code} field of credential replies ("Success" for a usable reply). */
    public void code(String code) {
        this.code = code;
    }

    /** The lifetime of key pairs minted from now on. */
    public void lifetime(Duration lifetime) {
        this.lifetime = KeyMinter.checkLifetime(lifetime);
    }

    /** Token PUTs received. */
    public int tokenRequests() {
        return (int) requests().stream().filter(r -> r.path().equals(TOKEN_PATH)).count();
    }

    /** Role-discovery GETs received. */
    public int roleRequests() {
        return (int) requests().stream().filter(r -> r.path().equals(CREDENTIALS_PATH)).count();
    }

    /** Credentials GETs received (for any role). */
    public int credentialRequests() {
        return (int) requests().stream().filter(r -> r.path().startsWith(CREDENTIALS_PATH)
                && r.path().length() > CREDENTIALS_PATH.length()).count();
    }

    @Override
    Answer answer(RecordedRequest r) {
        Mode m = mode;
        if (r.path().equals(TOKEN_PATH)) {
            return r.method().equals("PUT") ? token(r, m) : Answer.text(405, "method not allowed");
        }
        if (!r.path().startsWith(CREDENTIALS_PATH)) {
            return Answer.text(404, "Not Found");
        }
        if (!r.method().equals("GET")) {
            return Answer.text(405, "method not allowed");
        }
        String token = r.header(TOKEN_HEADER);
        if (token != null && m == Mode.TOKEN_GETS_FAIL) {
            return Answer.text(403, "Forbidden");
        }
        if (token != null ? !validToken(token) : m == Mode.IMDSV2_REQUIRED) {
            return Answer.text(401, "Unauthorized");
        }
        String name = r.path().substring(CREDENTIALS_PATH.length());
        String current = role;
        if (name.isEmpty()) {
            return current == null ? Answer.text(404, "Not Found") : Answer.text(200, current);
        }
        if (!name.equals(current)) {
            return Answer.text(404, "Not Found");
        }
        return Answer.json(200, metadataJson(minter.mint(lifetime), code));
    }

    @Override
    Answer failure(int status, RecordedRequest request) {
        return Answer.text(status, "injected failure");
    }

    /** The credentials JSON of the metadata service and of a credentials URI. */
    static String metadataJson(Credentials c, String code) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("AccessKeyId", c.accessKeyId());
        members.put("AccessKeySecret", c.accessKeySecret());
        members.put("Expiration", KeyMinter.WIRE_TIME.format(c.expiration()));
        members.put("SecurityToken", c.securityToken());
        members.put("LastUpdated", KeyMinter.WIRE_TIME.format(Instant.now()));
        members.put("Code", code);
        return Json.object(members);
    }

    private Answer token(RecordedRequest r, Mode m) {
        if (m == Mode.IMDSV1_ONLY) {
            return Answer.text(tokenRefusedStatus, "Not Found");
        }
        String ttl = r.header(TTL_HEADER);
        int seconds;
        try {
            seconds = Integer.parseInt(ttl == null ? "" : ttl.trim());
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds < 1 || seconds > 21600) {
            return Answer.text(400, "Bad Request: " + TTL_HEADER + " must be 1..21600");
        }
        String token = minter.text(56);
        tokens.put(token, Instant.now().plusSeconds(seconds));
        return Answer.text(200, token);
    }

    private boolean validToken(String token) {
        Instant until = tokens.get(token);
        return until != null && Instant.now().isBefore(until);
    }

    /** Settings of a {@link FakeInstanceMetadata}; {@link #start()} starts it. */
    public static final class Builder {
        private int port;
        private OssEmulator emulator;
        private Mode mode = Mode.IMDSV2_REQUIRED;
        private String role = "app-role";
        private String code = "Success";
        private Duration lifetime = Duration.ofHours(1);
        private int tokenRefusedStatus = 404;

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

        /** Default {@link Mode#IMDSV2_REQUIRED}. */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** The instance's role (default "app-role"); null: none attached (discovery is 404). */
        public Builder role(String role) {
            this.role = role;
            return this;
        }

        /** The {@code Code} of credential replies (default "Success"). */
        public Builder code(String code) {
            this.code = code;
            return this;
        }

        /** How long minted key pairs are valid (default 1 hour; tests use seconds). */
        public Builder lifetime(Duration lifetime) {
            this.lifetime = KeyMinter.checkLifetime(lifetime);
            return this;
        }

        /** The status of a token PUT in {@link Mode#IMDSV1_ONLY} (default 404; 403 also happens). */
        public Builder tokenRefusedStatus(int status) {
            this.tokenRefusedStatus = status;
            return this;
        }

        public FakeInstanceMetadata start() {
            try {
                return new FakeInstanceMetadata(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fake instance metadata service", e);
            }
        }
    }
}
