package io.github.appendlog.credentials;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A RAM role assumed with an OIDC token (ACK RRSA): STS {@code AssumeRoleWithOIDC}, an anonymous
 * POST to {@code <sts>/?Action=AssumeRoleWithOIDC&Format=JSON&Version=2015-04-01&Timestamp=...} with
 * the form body {@code RoleArn}, {@code OIDCProviderArn}, {@code OIDCToken}, {@code RoleSessionName},
 * {@code DurationSeconds} and, if given, {@code Policy}. The token file is read anew at every fetch
 * (ACK rotates it) and trimmed; a missing, unreadable or empty file fails the fetch before any request.
 */
final class OidcRoleSource implements CredentialsSource {
    static final String ROLE_ARN_VARIABLE = "ALIBABA_CLOUD_ROLE_ARN";
    static final String PROVIDER_ARN_VARIABLE = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
    static final String TOKEN_FILE_VARIABLE = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";

    private final RoleRequest role;
    private final String providerArn;
    private final Path tokenFile;
    private final String tokenFileOrigin;
    private final URI sts;
    private final CredentialsHttp http;
    private final Clock clock;

    /**
     * @param tokenFileOrigin what named the token file (a variable, a profile's key), for messages
     */
    OidcRoleSource(RoleRequest role, String providerArn, Path tokenFile, String tokenFileOrigin, URI sts,
            CredentialsHttp http, Clock clock) {
        this.role = Objects.requireNonNull(role, "role");
        this.providerArn = Objects.requireNonNull(providerArn, "providerArn");
        this.tokenFile = Objects.requireNonNull(tokenFile, "tokenFile");
        this.tokenFileOrigin = tokenFileOrigin;
        this.sts = Objects.requireNonNull(sts, "sts");
        this.http = http;
        this.clock = clock;
    }

    @Override
    public Credentials fetch() throws IOException {
        String token = readToken();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("Action", "AssumeRoleWithOIDC");
        query.put("Format", "JSON");
        query.put("Version", StsCall.VERSION);
        query.put("Timestamp", CredentialsReplies.timestamp(clock.instant()));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("RoleArn", role.roleArn);
        form.put("OIDCProviderArn", providerArn);
        form.put("OIDCToken", token);
        role.putSessionParameters(form);
        return StsCall.post(http, sts, query, form, describe(), clock, token);
    }

    private String readToken() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(tokenFile);
        } catch (NoSuchFileException e) {
            throw new IOException(describe() + ": the OIDC token file " + tokenFile + " (" + tokenFileOrigin
                    + ") does not exist");
        } catch (IOException e) {
            throw new IOException(describe() + ": the OIDC token file " + tokenFile + " (" + tokenFileOrigin
                    + ") cannot be read: " + e.getClass().getSimpleName());
        }
        String token = new String(bytes, StandardCharsets.UTF_8).trim(); // a JWT has no white space
        if (token.isEmpty()) {
            throw new IOException(describe() + ": the OIDC token file " + tokenFile + " (" + tokenFileOrigin
                    + ") is empty");
        }
        return token;
    }

    @Override
    public String describe() {
        return "RRSA/OIDC role " + role.roleArn;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return describe() + " (token file " + tokenFile + ", STS " + CredentialsHttp.safe(sts) + ")";
    }
}
