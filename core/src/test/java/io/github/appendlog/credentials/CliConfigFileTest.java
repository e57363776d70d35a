package io.github.appendlog.credentials;

import static io.github.appendlog.credentials.StubServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.oss.sign.RpcSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConfigFileTest {
    static final String SECRET = "cli-secret-value";

    @TempDir
    Path home;
    private StubServer sts;
    private CredentialsHttp http;

    @BeforeEach
    void start() throws IOException {
        sts = new StubServer();
        http = new CredentialsHttp();
    }

    @AfterEach
    void stop() {
        http.close();
        sts.close();
    }

    private Path write(String json) throws IOException {
        Path file = CliConfigFile.path(home);
        Files.createDirectories(file.getParent());
        return Files.write(file, json.getBytes(StandardCharsets.UTF_8));
    }

    private CredentialsSource load(Map<String, String> env, String json) throws IOException {
        return CliConfigFile.load(write(json), new NetworkSources(new Environment(env), sts.uri().toString(),
                "http://127.0.0.1:9", http, EcsMetadataSourceTest.CLOCK));
    }

    private CredentialsSource load(String json) throws IOException {
        return load(Collections.emptyMap(), json);
    }

    private static String config(String current, String... profiles) {
        return "{\"current\":\"" + current + "\",\"profiles\":[" + String.join(",", profiles)
                + "],\"meta_path\":\"\",\"language\":\"en\"}";
    }

    static final String AK = "{\"name\":\"ak\",\"mode\":\"AK\",\"access_key_id\":\"LTAIak\",\"access_key_secret\":\""
            + SECRET + "\",\"region_id\":\"cn-hangzhou\",\"expired_seconds\":0}";
    static final String STS_TOKEN = "{\"name\":\"sts\",\"mode\":\"StsToken\",\"access_key_id\":\"STS.id\","
            + "\"access_key_secret\":\"" + SECRET + "\",\"sts_token\":\"cli-token-value\"}";

    @Test
    void akAndStsTokenProfilesGiveTheirKeys() throws IOException {
        CredentialsSource ak = load(config("ak", AK, STS_TOKEN));
        Credentials c = ak.fetch();
        assertEquals("LTAIak", c.accessKeyId());
        assertEquals(SECRET, c.accessKeySecret());
        assertEquals(null, c.securityToken());
        assertEquals("profile 'ak' (AK) in " + CliConfigFile.path(home), ak.describe());
        CredentialsSource sts = load(Map.of("ALIBABA_CLOUD_PROFILE", "sts"), config("ak", AK, STS_TOKEN));
        assertEquals("cli-token-value", sts.fetch().securityToken(), "ALIBABA_CLOUD_PROFILE wins over current");
    }

    @Test
    void ramRoleArnAssumesTheRoleSignedWithTheProfilesKey() throws IOException {
        sts.on("POST", "/", r -> {
            Map<String, String> p = new HashMap<>(r.parameters());
            String signature = p.remove("Signature");
            return RpcSignature.sign("POST", p, SECRET).equals(signature)
                    ? reply(200, OidcRoleSourceTest.stsReply("STS.role")) : reply(400, "{\"Code\":\"SignatureDoesNotMatch\"}");
        });
        CredentialsSource source = load(config("role", AK, "{\"name\":\"role\",\"mode\":\"RamRoleArn\","
                + "\"access_key_id\":\"LTAIak\",\"access_key_secret\":\"" + SECRET + "\",\"ram_role_arn\":"
                + "\"acs:ram::1:role/r\",\"ram_session_name\":\"cli-session\",\"expired_seconds\":1800,"
                + "\"policy\":\"{}\",\"external_id\":\"ext\",\"sts_region\":\"cn-hangzhou\",\"enable_vpc\":true}"));
        assertEquals("RAM role acs:ram::1:role/r assumed with key LTAIak of profile 'role' (RamRoleArn) in "
                + CliConfigFile.path(home), source.describe());
        assertEquals("STS.role", source.fetch().accessKeyId());
        Map<String, String> form = sts.requests().get(0).form();
        assertEquals("cli-session", form.get("RoleSessionName"));
        assertEquals("1800", form.get("DurationSeconds"));
        assertEquals("{}", form.get("Policy"));
        assertEquals("ext", form.get("ExternalId"));
        assertEquals("LTAIak", sts.requests().get(0).query().get("AccessKeyId"));
    }

    @Test
    void chainableRamRoleArnSignsWithItsSourceProfile() throws IOException {
        CredentialsSource source = load(config("chain", AK, "{\"name\":\"chain\",\"mode\":\"ChainableRamRoleArn\","
                + "\"source_profile\":\"base\",\"ram_role_arn\":\"acs:ram::1:role/top\"}",
                "{\"name\":\"base\",\"mode\":\"RamRoleArn\",\"access_key_id\":\"LTAIak\",\"access_key_secret\":\""
                        + SECRET + "\",\"ram_role_arn\":\"acs:ram::1:role/base\"}"));
        assertEquals("RAM role acs:ram::1:role/top assumed with RAM role acs:ram::1:role/base assumed with key LTAIak"
                + " of profile 'base' (RamRoleArn) in " + CliConfigFile.path(home), source.describe());
        assertInstanceOf(AssumeRoleSource.class, source);
    }

    @Test
    void aCycleOfSourceProfilesIsRefused() {
        IOException e = assertThrows(IOException.class, () -> load(config("a",
                "{\"name\":\"a\",\"mode\":\"ChainableRamRoleArn\",\"source_profile\":\"b\",\"ram_role_arn\":\"x\"}",
                "{\"name\":\"b\",\"mode\":\"ChainableRamRoleArn\",\"source_profile\":\"a\",\"ram_role_arn\":\"y\"}")));
        assertEquals(CliConfigFile.path(home) + ": the profiles a -> b -> a form a cycle through source_profile",
                e.getMessage());
    }

    @Test
    void ecsRamRoleAndOidcProfilesMakeTheirSources() throws IOException {
        CredentialsSource ecs = load(config("ecs", "{\"name\":\"ecs\",\"mode\":\"EcsRamRole\",\"ram_role_name\":\"app\"}"));
        assertEquals("app", assertInstanceOf(EcsMetadataSource.class, ecs).role());
        CredentialsSource discovered = load(Map.of("ALIBABA_CLOUD_ECS_METADATA", "from-env"),
                config("ecs", "{\"name\":\"ecs\",\"mode\":\"EcsRamRole\"}"));
        assertEquals("from-env", ((EcsMetadataSource) discovered).role());
        CredentialsSource oidc = load(config("o", "{\"name\":\"o\",\"mode\":\"OIDC\",\"ram_role_arn\":\"acs:ram::1:role/o\","
                + "\"oidc_provider_arn\":\"acs:ram::1:oidc-provider/p\",\"oidc_token_file\":\"/nonexistent/token\"}"));
        assertEquals("RRSA/OIDC role acs:ram::1:role/o", oidc.describe());
        IOException e = assertThrows(IOException.class, oidc::fetch);
        assertTrue(e.getMessage().contains("/nonexistent/token (oidc_token_file of profile 'o' (OIDC) in "),
                e.getMessage());
        assertEquals(0, sts.requests().size());
    }

    @Test
    void anUnsupportedModeIsNamedWithTheFile() {
        IOException e = assertThrows(IOException.class,
                () -> load(config("sso", "{\"name\":\"sso\",\"mode\":\"CloudSSO\",\"cloud_sso_sign_in_url\":\"u\"}")));
        assertEquals(CliConfigFile.path(home) + ": profile 'sso' has mode 'CloudSSO', which appendlog does not support"
                + " (it reads AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC); choose another profile"
                + " with ALIBABA_CLOUD_PROFILE", e.getMessage());
    }

    @Test
    void anUnknownProfileAMissingFieldOrBrokenJsonIsAClearError() {
        IOException unknown = assertThrows(IOException.class,
                () -> load(Map.of("ALIBABA_CLOUD_PROFILE", "prod"), config("ak", AK)));
        assertEquals(CliConfigFile.path(home) + " has no profile 'prod' (named by ALIBABA_CLOUD_PROFILE)",
                unknown.getMessage());
        IOException none = assertThrows(IOException.class, () -> load("{\"profiles\":[]}"));
        assertTrue(none.getMessage().endsWith("selects no profile: set ALIBABA_CLOUD_PROFILE or the file's \"current\""),
                none.getMessage());
        IOException field = assertThrows(IOException.class, () -> load(config("ak",
                "{\"name\":\"ak\",\"mode\":\"AK\",\"access_key_id\":\"LTAIak\",\"access_key_secret\":\"\"}")));
        assertEquals("profile 'ak' (AK) in " + CliConfigFile.path(home) + ": access_key_secret is missing or empty",
                field.getMessage());
        IOException duration = assertThrows(IOException.class, () -> load(config("r", "{\"name\":\"r\","
                + "\"mode\":\"RamRoleArn\",\"access_key_id\":\"a\",\"access_key_secret\":\"" + SECRET
                + "\",\"ram_role_arn\":\"x\",\"expired_seconds\":600}")));
        assertTrue(duration.getMessage().endsWith("expired_seconds is 600; STS takes 900 or more"), duration.getMessage());
        IOException json = assertThrows(IOException.class, () -> load("{\"current\":\"ak\", \"access_key_secret\": "
                + SECRET + "}"));
        assertTrue(json.getMessage().startsWith(CliConfigFile.path(home) + " is not JSON: expected a value at position"),
                json.getMessage());
        for (IOException e : new IOException[] {unknown, none, field, duration, json}) {
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        }
    }
}
