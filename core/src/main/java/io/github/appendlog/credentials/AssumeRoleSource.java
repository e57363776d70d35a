package io.github.appendlog.credentials;

import io.github.appendlog.oss.sign.RpcSignature;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A RAM role assumed with STS {@code AssumeRole}, signed (RPC signature 1.0, HMAC-SHA1) with the
 * credentials another source fetches at each call: a key pair ({@code RamRoleArn}) or a role assumed
 * before ({@code ChainableRamRoleArn}), whose {@code SecurityToken} is then sent too. The request is
 * a POST: {@code Action}, {@code Format}, {@code Version}, {@code Timestamp} (UTC, seconds),
 * {@code SignatureMethod}, {@code SignatureVersion}, {@code SignatureNonce} (a random UUID) and
 * {@code AccessKeyId} in the query; {@code RoleArn}, {@code RoleSessionName},
 * {@code DurationSeconds}, the optional {@code Policy} and {@code ExternalId}, the
 * {@code SecurityToken} and the {@code Signature} over all of them in the form body, so that no
 * token appears in a URL.
 */
final class AssumeRoleSource implements CredentialsSource {
    private final RoleRequest role;
    private final CredentialsSource signer;
    private final String signerLabel;
    private final URI sts;
    private final CredentialsHttp http;
    private final Clock clock;
    private final Supplier<String> nonces;

    /**
     * @param signerLabel how {@link #describe()} names the signing credentials (e.g. {@code key LTAI...}),
     *        or null to use the signer's own description
     */
    AssumeRoleSource(RoleRequest role, CredentialsSource signer, String signerLabel, URI sts, CredentialsHttp http,
            Clock clock) {
        this(role, signer, signerLabel, sts, http, clock, () -> UUID.randomUUID().toString());
    }

    AssumeRoleSource(RoleRequest role, CredentialsSource signer, String signerLabel, URI sts, CredentialsHttp http,
            Clock clock, Supplier<String> nonces) {
        this.role = Objects.requireNonNull(role, "role");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.signerLabel = signerLabel;
        this.sts = Objects.requireNonNull(sts, "sts");
        this.http = http;
        this.clock = clock;
        this.nonces = nonces;
    }

    @Override
    public Credentials fetch() throws IOException {
        Credentials key;
        try {
            key = signer.fetch();
        } catch (IOException | RuntimeException e) {
            throw new IOException(describe() + ": no credentials to sign AssumeRole with: " + e.getMessage(), e);
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("Action", "AssumeRole");
        query.put("Format", "JSON");
        query.put("Version", StsCall.VERSION);
        query.put("Timestamp", CredentialsReplies.timestamp(clock.instant()));
        query.put("SignatureMethod", "HMAC-SHA1");
        query.put("SignatureVersion", "1.0");
        query.put("SignatureNonce", nonces.get());
        query.put("AccessKeyId", key.accessKeyId());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("RoleArn", role.roleArn);
        role.putSessionParameters(form);
        if (role.externalId != null && !role.externalId.isEmpty()) {
            form.put("ExternalId", role.externalId);
        }
        if (key.securityToken() != null) {
            form.put("SecurityToken", key.securityToken());
        }
        Map<String, String> signed = new LinkedHashMap<>(query);
        signed.putAll(form);
        form.put("Signature", RpcSignature.sign("POST", signed, key.accessKeySecret()));
        return StsCall.post(http, sts, query, form, describe(), clock, key.accessKeySecret(), key.securityToken());
    }

    @Override
    public String describe() {
        return "RAM role " + role.roleArn + " assumed with " + (signerLabel != null ? signerLabel : signer.describe());
    }

    /** The signer may hold a cache of its own (a discovered ECS role): it starts afresh too. */
    @Override
    public void invalidate() {
        signer.invalidate();
    }

    @Override
    public void close() {
        signer.close();
        http.close();
    }

    @Override
    public String toString() {
        return describe() + " (STS " + CredentialsHttp.safe(sts) + ")";
    }
}
