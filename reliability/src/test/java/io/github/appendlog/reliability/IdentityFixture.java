package io.github.appendlog.reliability;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.emulator.OssEmulator;
import io.github.appendlog.emulator.identity.FakeInstanceMetadata;
import io.github.appendlog.emulator.identity.FakeSts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * One network source of the credentials chain as a {@link ChildJvm} meets it: a fake identity
 * service on loopback whose key pairs the store accepts until they expire, and exactly what the
 * child needs for the chain to choose that source (its environment, files in its home directory,
 * the {@code ecsMetadataEndpoint} / {@code stsEndpoint} setting), nothing about credentials
 * otherwise. Knows every secret in play (minted secrets and tokens, OIDC tokens, the key that signs
 * AssumeRole) for the grep of the child's output.
 */
final class IdentityFixture implements AutoCloseable {
    static final String ECS_ROLE = "app-role";
    static final String ROLE_ARN = "acs:ram::1234567890123456:role/log-writer";
    static final String OIDC_PROVIDER_ARN = "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c0ffee";
    static final String USER_KEY_ID = "LTAI5tE2eRoleUser";
    static final String USER_KEY_SECRET = "ram-user-secret-Vq3nZ8-never-shown";

    /** The sources; the chain reports each as {@link #source}. */
    enum Kind {
        /** ECS RAM role from instance metadata (IMDSv2): nothing configured but the metadata endpoint. */
        ECS_RAM_ROLE("ECS RAM role '" + ECS_ROLE + "'"),
        /** ACK RRSA: the pod identity webhook's three variables, STS AssumeRoleWithOIDC. */
        RRSA_OIDC("RRSA/OIDC role " + ROLE_ARN),
        /** A RAM role assumed with a RAM user's key: {@code ~/.alibabacloud/credentials.ini}, {@code type = ram_role_arn}. */
        RAM_ROLE_ARN_INI("RAM role " + ROLE_ARN + " assumed with"),
        /** The same from the CLI's {@code ~/.aliyun/config.json}, mode {@code RamRoleArn}. */
        RAM_ROLE_ARN_CLI("RAM role " + ROLE_ARN + " assumed with");

        /** How the status line {@code credentials: <source>, expire ...} begins its source. */
        final String source;

        Kind(String source) {
            this.source = source;
        }
    }

    final Kind kind;
    final Path home;
    private final Path tokenFile;
    private final FakeInstanceMetadata imds;
    private final FakeSts sts;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<String> oidcTokens = new CopyOnWriteArrayList<>();
    private volatile String expectedOidcToken;

    private IdentityFixture(Kind kind, OssEmulator emu, Path dir, Duration lifetime) throws IOException {
        this.kind = kind;
        this.home = Files.createDirectories(dir.resolve("home"));
        this.tokenFile = dir.resolve("rrsa-token");
        if (kind == Kind.ECS_RAM_ROLE) {
            imds = FakeInstanceMetadata.builder().emulator(emu).role(ECS_ROLE).lifetime(lifetime)
                    .mode(FakeInstanceMetadata.Mode.IMDSV2_REQUIRED).start();
            sts = null;
            settings.put("ecsMetadataEndpoint", imds.endpoint());
            return;
        }
        imds = null;
        Supplier<String> token = () -> expectedOidcToken;
        sts = FakeSts.builder().emulator(emu).role(ROLE_ARN).lifetime(lifetime).accessKey(USER_KEY_ID, USER_KEY_SECRET)
                .oidcProviderArn(OIDC_PROVIDER_ARN).oidcToken(token).start();
        settings.put("stsEndpoint", sts.endpoint());
        if (kind == Kind.RRSA_OIDC) {
            rotateOidcToken();
            environment.put("ALIBABA_CLOUD_ROLE_ARN", ROLE_ARN);
            environment.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", OIDC_PROVIDER_ARN);
            environment.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile.toString());
        } else if (kind == Kind.RAM_ROLE_ARN_INI) {
            write(home.resolve(".alibabacloud").resolve("credentials.ini"), "[default]\nenable = true\n"
                    + "type = ram_role_arn\naccess_key_id = " + USER_KEY_ID + "\naccess_key_secret = " + USER_KEY_SECRET
                    + "\nrole_arn = " + ROLE_ARN + "\nrole_session_name = appendlog-e2e\n");
        } else {
            write(home.resolve(".aliyun").resolve("config.json"), "{\"current\": \"logs\", \"profiles\": [{\"name\": \"logs\","
                    + " \"mode\": \"RamRoleArn\", \"access_key_id\": \"" + USER_KEY_ID + "\", \"access_key_secret\": \""
                    + USER_KEY_SECRET + "\", \"ram_role_arn\": \"" + ROLE_ARN + "\", \"ram_session_name\": \"appendlog-e2e\","
                    + " \"expired_seconds\": 900, \"region_id\": \"cn-hangzhou\"}]}\n");
        }
    }

    /** Starts the fake of {@code kind}, minting key pairs that live {@code lifetime}, registered with {@code emu}. */
    static IdentityFixture start(Kind kind, OssEmulator emu, Path dir, Duration lifetime) throws IOException {
        return new IdentityFixture(kind, emu, Files.createDirectories(dir), lifetime);
    }

    /** The child's whole environment for this source. */
    Map<String, String> environment() {
        return new LinkedHashMap<>(environment);
    }

    /** The appender settings for this source: the fake's endpoint only. */
    Map<String, String> settings() {
        return new LinkedHashMap<>(settings);
    }

    /** Key pairs handed out so far, oldest first. */
    List<Credentials> issued() {
        return imds != null ? imds.issued() : sts.issued();
    }

    Credentials lastIssued() {
        return imds != null ? imds.lastIssued() : sts.lastIssued();
    }

    /** Requests for credentials received (answered or refused). */
    int credentialRequests() {
        return imds != null ? imds.credentialRequests()
                : kind == Kind.RRSA_OIDC ? sts.assumeRoleWithOidcRequests() : sts.assumeRoleRequests();
    }

    /** From now on every request is answered with this HTTP status; 0 ends it. */
    void failWith(int status) {
        if (imds != null) {
            imds.failWith(status);
        } else {
            sts.failWith(status);
        }
    }

    /** ECS only: the {@code Code} of the metadata's replies ({@code Success} for a usable one). */
    void code(String code) {
        imds.code(code);
    }

    /** RRSA only: a new OIDC token, in the file (atomically, as the kubelet does) and in what STS expects. */
    String rotateOidcToken() throws IOException {
        String token = expectNewOidcToken();
        writeOidcTokenFile();
        return token;
    }

    /** RRSA only: STS expects a new OIDC token, while the file still holds the old one (refused). */
    String expectNewOidcToken() {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        String token = "eyJhbGciOiJSUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        oidcTokens.add(token);
        expectedOidcToken = token;
        return token;
    }

    /** RRSA only: the file gets the token STS expects. */
    void writeOidcTokenFile() throws IOException {
        write(tokenFile, expectedOidcToken);
    }

    /** The OIDC tokens of the {@code AssumeRoleWithOIDC} requests received, in order. */
    List<String> oidcTokensSent() {
        List<String> sent = new ArrayList<>();
        sts.requests().forEach(r -> {
            if ("AssumeRoleWithOIDC".equals(r.parameter("Action"))) {
                sent.add(r.parameter("OIDCToken"));
            }
        });
        return sent;
    }

    List<String> oidcTokens() {
        return new ArrayList<>(oidcTokens);
    }

    /** Every secret in play: minted secrets and tokens, OIDC tokens, the RAM user's key secret. */
    List<String> secrets() {
        List<String> all = new ArrayList<>(oidcTokens);
        all.add(USER_KEY_SECRET);
        for (Credentials c : issued()) {
            all.add(c.accessKeySecret());
            all.add(c.securityToken());
        }
        return all;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        if (imds != null) {
            imds.close();
        }
        if (sts != null) {
            sts.close();
        }
    }
}
