package io.github.appendlog.emulator.identity;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.emulator.OssEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A fake STS (Security Token Service) endpoint, on 127.0.0.1, speaking version 2015-04-01 in JSON:
 * <ul>
 * <li>{@code AssumeRole} (GET with every parameter in the query, or POST with some in a form body):
 * the RPC signature is checked with core's {@code RpcSignature} against the key pairs given to
 * {@link Builder#accessKey} and those this STS minted (role chaining: then {@code SecurityToken}
 * must be theirs and unexpired), along with {@code Timestamp}, {@code Version}, {@code Action} and
 * a fresh {@code SignatureNonce} ({@link RpcRequestCheck}).</li>
 * <li>{@code AssumeRoleWithOIDC} (anonymous POST, form body {@code RoleArn}, {@code OIDCProviderArn},
 * {@code OIDCToken}, {@code RoleSessionName}, {@code DurationSeconds}): the token must equal what
 * {@link Builder#oidcToken} supplies at that moment, so a test can rotate it.</li>
 * </ul>
 * Both check {@code RoleArn}, {@code RoleSessionName} and {@code DurationSeconds}
 * ({@link RoleParameters}), and answer
 * {@code {"RequestId","AssumedRoleUser":{"Arn","AssumedRoleId"},"Credentials":{"AccessKeyId",
 * "AccessKeySecret","SecurityToken","Expiration"}}} with a newly minted key pair registered with the
 * emulator. Its lifetime is {@code DurationSeconds}, or {@link Builder#lifetime} if shorter (tests
 * need seconds), its expiry rounded up to a whole second ({@link KeyMinter}). Errors are POP JSON
 * ({@link PopError}).
 *
 * <pre>
 * try (FakeSts sts = FakeSts.builder().emulator(emu).accessKey("LTAI-user", "user-secret")
 *         .oidcToken(() -> currentToken).lifetime(Duration.ofSeconds(3)).start()) {
 *     String stsEndpoint = sts.endpoint();   // http://127.0.0.1:PORT
 * }
 * </pre>
 */
public final class FakeSts extends FakeService {
    static final String VERSION = "2015-04-01";

    private final Map<String, Credentials> signingKeys = new ConcurrentHashMap<>();
    private final RoleParameters roleParameters;
    private final String oidcProviderArn;
    private final Supplier<String> oidcToken;
    private final RpcRequestCheck check;
    private volatile Duration lifetime;

    private FakeSts(Builder b) throws IOException {
        super("sts", b.port, new KeyMinter(b.emulator));
        this.signingKeys.putAll(b.keys);
        this.roleParameters = new RoleParameters(b.roles, b.maxSessionDurationSeconds);
        this.oidcProviderArn = b.oidcProviderArn;
        this.oidcToken = b.oidcToken;
        this.lifetime = b.lifetime;
        this.check = new RpcRequestCheck(VERSION, signingKeys::get);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The longest lifetime handed out from now on; null: as {@code DurationSeconds} asks. */
    public void lifetime(Duration lifetime) {
        this.lifetime = lifetime == null ? null : KeyMinter.checkLifetime(lifetime);
    }

    /** {@code AssumeRole} requests received (answered or refused). */
    public int assumeRoleRequests() {
        return count("AssumeRole");
    }

    /** {@code AssumeRoleWithOIDC} requests received (answered or refused). */
    public int assumeRoleWithOidcRequests() {
        return count("AssumeRoleWithOIDC");
    }

    private int count(String action) {
        return (int) requests().stream().filter(r -> action.equals(r.parameter("Action"))).count();
    }

    @Override
    Answer answer(RecordedRequest r) {
        String host = r.header("Host");
        if (!r.method().equals("GET") && !r.method().equals("POST")) {
            return PopError.of(405, "UnsupportedHTTPMethod", "Specified HTTP method is not supported.").answer(host);
        }
        Map<String, String> p = r.parameters();
        String action = p.get("Action");
        PopError error;
        if (RpcRequestCheck.empty(action)) {
            error = PopError.missing("Action");
        } else if (action.equals("AssumeRole")) {
            error = firstOf(check.common(p), () -> check.signed(r.method(), p), () -> roleParameters.check(p));
        } else if (action.equals("AssumeRoleWithOIDC")) {
            error = firstOf(r.method().equals("POST") ? null : PopError.of(400, "InvalidParameter",
                    "AssumeRoleWithOIDC takes a POST with a form body."), () -> check.common(p),
                    () -> oidcRequest(p), () -> roleParameters.check(p));
        } else {
            error = PopError.of(404, "InvalidAction.NotFound",
                    "Specified api is not found, please check your url and method.");
        }
        return error != null ? error.answer(host) : Answer.json(200, assumed(p));
    }

    @Override
    Answer failure(int status, RecordedRequest request) {
        return PopError.of(status, status == 503 ? "ServiceUnavailable" : "InternalError",
                "The request has failed due to a temporary failure of the server.").answer(request.header("Host"));
    }

    @SafeVarargs
    private static PopError firstOf(PopError first, Supplier<PopError>... rest) {
        if (first != null) {
            return first;
        }
        for (Supplier<PopError> check : rest) {
            PopError e = check.get();
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private PopError oidcRequest(Map<String, String> p) {
        for (String required : new String[] {"OIDCProviderArn", "OIDCToken"}) {
            if (RpcRequestCheck.empty(p.get(required))) {
                return PopError.missing(required);
            }
        }
        if (oidcProviderArn != null && !oidcProviderArn.equals(p.get("OIDCProviderArn"))) {
            return PopError.of(403, "AuthenticationFail.NoPermission", "Parameter OIDCProviderArn is not valid.");
        }
        String expected = oidcToken == null ? null : oidcToken.get();
        if (expected == null || !expected.equals(p.get("OIDCToken"))) {
            return PopError.of(403, "AuthenticationFail.OIDCToken.Invalid", "The OIDC token is invalid.");
        }
        return null;
    }

    private String assumed(Map<String, String> p) {
        Duration asked = Duration.ofSeconds(roleParameters.durationSeconds(p));
        Duration cap = lifetime;
        Credentials c = minter.mint(cap != null && cap.compareTo(asked) < 0 ? cap : asked);
        signingKeys.put(c.accessKeyId(), c);
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("AccessKeyId", c.accessKeyId());
        credentials.put("AccessKeySecret", c.accessKeySecret());
        credentials.put("SecurityToken", c.securityToken());
        credentials.put("Expiration", KeyMinter.WIRE_TIME.format(c.expiration()));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("RequestId", UUID.randomUUID().toString().toUpperCase());
        if (p.containsKey("OIDCToken")) {
            reply.put("OIDCTokenInfo", RoleParameters.oidcTokenInfo(p));
        }
        reply.put("AssumedRoleUser", RoleParameters.assumedRoleUser(p, minter.text(17)));
        reply.put("Credentials", credentials);
        return Json.object(reply);
    }

    /** Settings of a {@link FakeSts}; {@link #start()} starts it. */
    public static final class Builder {
        private int port;
        private OssEmulator emulator;
        private final Map<String, Credentials> keys = new LinkedHashMap<>();
        private final Set<String> roles = new LinkedHashSet<>();
        private String oidcProviderArn;
        private Supplier<String> oidcToken;
        private Duration lifetime;
        private int maxSessionDurationSeconds = 3600;

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

        /** A RAM user's key pair that may sign {@code AssumeRole}; repeatable. */
        public Builder accessKey(String accessKeyId, String accessKeySecret) {
            return accessKey(accessKeyId, accessKeySecret, null);
        }

        /** A key pair that may sign {@code AssumeRole}, with its STS token (sent as {@code SecurityToken}). */
        public Builder accessKey(String accessKeyId, String accessKeySecret, String securityToken) {
            keys.put(accessKeyId, new Credentials(accessKeyId, accessKeySecret, securityToken));
            return this;
        }

        /** A role that exists ({@code acs:ram::<uid>:role/<name>}); none given: any well-formed ARN. */
        public Builder role(String roleArn) {
            roles.add(Objects.requireNonNull(roleArn, "roleArn"));
            return this;
        }

        /** The OIDC provider {@code AssumeRoleWithOIDC} must name; not given: any. */
        public Builder oidcProviderArn(String arn) {
            this.oidcProviderArn = arn;
            return this;
        }

        /** The OIDC token {@code AssumeRoleWithOIDC} must carry. */
        public Builder oidcToken(String token) {
            return oidcToken(() -> token);
        }

        /** The OIDC token {@code AssumeRoleWithOIDC} must carry, asked at each request (to rotate it). */
        public Builder oidcToken(Supplier<String> token) {
            this.oidcToken = token;
            return this;
        }

        /** The longest lifetime handed out (default: as {@code DurationSeconds} asks); tests use seconds. */
        public Builder lifetime(Duration lifetime) {
            this.lifetime = KeyMinter.checkLifetime(lifetime);
            return this;
        }

        /** The roles' MaxSessionDuration, the largest {@code DurationSeconds} accepted (default 3600). */
        public Builder maxSessionDurationSeconds(int seconds) {
            if (seconds < 900 || seconds > 43200) {
                throw new IllegalArgumentException("maxSessionDurationSeconds must be 900..43200: " + seconds);
            }
            this.maxSessionDurationSeconds = seconds;
            return this;
        }

        public FakeSts start() {
            try {
                return new FakeSts(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fake STS", e);
            }
        }
    }
}
