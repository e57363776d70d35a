package io.github.appendlog.credentials;

import io.github.appendlog.oss.sign.RpcSignature;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;

/**
 * The RAM role of an ECS instance, from its metadata service ({@code ecsMetadataEndpoint}, by default
 * {@code http://100.100.100.200}). Each fetch asks for an IMDSv2 token ({@code PUT /latest/api/token}
 * with {@code X-aliyun-ecs-metadata-token-ttl-seconds: 21600}) and sends it with the GETs in
 * {@code X-aliyun-ecs-metadata-token}. Unless {@code ALIBABA_CLOUD_IMDSV1_DISABLED=true}: no token
 * means IMDSv1 (no header), and a GET sent with a token that fails is sent once more without it. The
 * role is the configured one ({@code ALIBABA_CLOUD_ECS_METADATA}, a profile's role name) or the one
 * {@code /latest/meta-data/ram/security-credentials/} lists (trimmed, kept until
 * {@link #invalidate()} or a 404). The reply must say {@code "Code":"Success"}; its
 * {@code Expiration} reads {@code yyyy-MM-ddTHH:mm:ssZ}. Every request waits at most about 1 s to
 * connect and 1 s for the reply.
 */
final class EcsMetadataSource implements CredentialsSource {
    static final String DEFAULT_ENDPOINT = "http://100.100.100.200";
    static final String ROLE_VARIABLE = "ALIBABA_CLOUD_ECS_METADATA";
    static final String V1_DISABLED_VARIABLE = "ALIBABA_CLOUD_IMDSV1_DISABLED";
    static final String DISABLED_VARIABLE = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
    static final String TOKEN_PATH = "/latest/api/token";
    static final String ROLES_PATH = "/latest/meta-data/ram/security-credentials/";
    static final String TTL_HEADER = "X-aliyun-ecs-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "X-aliyun-ecs-metadata-token";
    static final String TOKEN_TTL_SECONDS = "21600";
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final URI endpoint;
    private final String configuredRole;
    private final boolean v1Disabled;
    private final CredentialsHttp http;
    private final Clock clock;
    private volatile String discoveredRole;

    /**
     * @param endpoint the metadata service's base URL
     * @param role the RAM role's name, or null to discover it
     */
    EcsMetadataSource(URI endpoint, String role, boolean v1Disabled, CredentialsHttp http, Clock clock) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.configuredRole = role == null || role.trim().isEmpty() ? null : role.trim();
        this.v1Disabled = v1Disabled;
        this.http = http;
        this.clock = clock;
    }

    /**
     * Whether a metadata service answers at {@code endpoint} at all (any HTTP status counts): one
     * token request, about 1 s at most when nothing answers, at once when the port is closed.
     */
    static boolean probe(URI endpoint, CredentialsHttp http) {
        try {
            http.send("PUT", url(endpoint, TOKEN_PATH), Collections.singletonMap(TTL_HEADER, TOKEN_TTL_SECONDS), null,
                    TIMEOUT, TIMEOUT);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Credentials fetch() throws IOException {
        String token = token();
        String role = configuredRole != null ? configuredRole : discoveredRole;
        if (role == null) {
            CredentialsHttp.Reply roles = get(ROLES_PATH, token);
            if (roles.status != 200) {
                throw new IOException(describe() + ": GET " + CredentialsHttp.safe(url(endpoint, ROLES_PATH))
                        + " answered HTTP " + roles.status + (roles.status == 404 ? " (no RAM role attached to the instance?)" : ""));
            }
            role = roles.body.trim();
            int newline = role.indexOf('\n');
            if (newline >= 0) {
                role = role.substring(0, newline).trim();
            }
            if (role.isEmpty()) {
                throw new IOException(describe() + ": the instance lists no RAM role at "
                        + CredentialsHttp.safe(url(endpoint, ROLES_PATH)) + " (attach one, or set " + ROLE_VARIABLE + ")");
            }
            discoveredRole = role;
        }
        String path = ROLES_PATH + RpcSignature.percentEncode(role);
        CredentialsHttp.Reply reply = get(path, token);
        if (reply.status == 404) {
            discoveredRole = null;
            throw new IOException(describe(role) + ": the instance has no RAM role '" + role + "' (HTTP 404 from "
                    + CredentialsHttp.safe(url(endpoint, path)) + "); check " + ROLE_VARIABLE
                    + " or the role attached to the instance");
        }
        if (reply.status != 200) {
            throw new IOException(describe(role) + ": GET " + CredentialsHttp.safe(url(endpoint, path))
                    + " answered HTTP " + reply.status);
        }
        return CredentialsReplies.flat(reply.body, describe(role), clock);
    }

    /** An IMDSv2 token, or null for IMDSv1. */
    private String token() throws IOException {
        URI url = url(endpoint, TOKEN_PATH);
        String reason;
        try {
            CredentialsHttp.Reply reply = http.send("PUT", url, Collections.singletonMap(TTL_HEADER, TOKEN_TTL_SECONDS),
                    null, TIMEOUT, TIMEOUT);
            if (reply.status == 200 && !reply.body.trim().isEmpty()) {
                return reply.body.trim();
            }
            reason = "HTTP " + reply.status;
        } catch (IOException e) {
            reason = e.getMessage();
        }
        if (v1Disabled) {
            throw new IOException(describe() + ": no IMDSv2 token from PUT " + CredentialsHttp.safe(url) + " (" + reason
                    + ") and IMDSv1 is disabled (" + V1_DISABLED_VARIABLE + "=true)");
        }
        return null;
    }

    /**
     * GET {@code path}, with the token when there is one; a failure with the token is tried once
     * more without it unless IMDSv1 is disabled. A 404 is kept over the retry's other refusal.
     */
    private CredentialsHttp.Reply get(String path, String token) throws IOException {
        URI url = url(endpoint, path);
        if (token == null) {
            return send(url, Collections.emptyMap());
        }
        CredentialsHttp.Reply withToken = null;
        IOException failure = null;
        try {
            withToken = send(url, Collections.singletonMap(TOKEN_HEADER, token));
            if (withToken.status == 200) {
                return withToken;
            }
        } catch (IOException e) {
            failure = e;
        }
        if (v1Disabled) {
            if (failure != null) {
                throw failure;
            }
            return withToken;
        }
        try {
            CredentialsHttp.Reply withoutToken = send(url, Collections.emptyMap());
            return withoutToken.status != 200 && withToken != null && withToken.status == 404 ? withToken : withoutToken;
        } catch (IOException e) {
            if (withToken != null) {
                return withToken;
            }
            throw e;
        }
    }

    private CredentialsHttp.Reply send(URI url, java.util.Map<String, String> headers) throws IOException {
        try {
            return http.send("GET", url, headers, null, TIMEOUT, TIMEOUT);
        } catch (IOException e) {
            throw new IOException(describe() + ": " + e.getMessage(), e);
        }
    }

    static URI url(URI endpoint, String path) {
        String base = endpoint.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    /** The role in use, or null before one was discovered. */
    String role() {
        return configuredRole != null ? configuredRole : discoveredRole;
    }

    @Override
    public String describe() {
        return describe(role());
    }

    private String describe(String role) {
        String where = DEFAULT_ENDPOINT.equals(CredentialsHttp.safe(endpoint).replaceAll("/+$", "")) ? ""
                : " (metadata at " + CredentialsHttp.safe(endpoint) + ")";
        return (role == null ? "ECS RAM role (discovered at the first fetch)" : "ECS RAM role '" + role + "'") + where;
    }

    /** Forgets a discovered role, so the next fetch asks which role the instance has now. */
    @Override
    public void invalidate() {
        discoveredRole = null;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return describe();
    }
}
