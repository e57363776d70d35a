package io.github.appendlog.credentials;

import static io.github.appendlog.credentials.StubServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.oss.sign.RpcSignature;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssumeRoleSourceTest {
    static final String ROLE = "acs:ram::123456789012:role/log-writer";
    static final String SECOND_ROLE = "acs:ram::123456789012:role/second";
    static final String KEY_ID = "LTAIkeyid";
    static final String KEY_SECRET = "long-term-secret";
    static final String FIRST_SECRET = "first-sts-secret";
    static final String FIRST_TOKEN = "first-sts-token/with+chars=";

    private StubServer sts;
    private CredentialsHttp http;
    /** Key pairs the stub STS knows: id -> {secret, token or null}. */
    private final Map<String, String[]> keys = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        sts = new StubServer();
        http = new CredentialsHttp();
        keys.put(KEY_ID, new String[] {KEY_SECRET, null});
        keys.put("STS.first", new String[] {FIRST_SECRET, FIRST_TOKEN});
        sts.on("POST", "/", this::assumeRole);
    }

    @AfterEach
    void stop() {
        http.close();
        sts.close();
    }

    /** A stub STS that checks the signature with RpcSignature and the token of chained calls. */
    private StubServer.Reply assumeRole(StubServer.Request r) {
        Map<String, String> p = r.parameters();
        String[] key = keys.get(p.get("AccessKeyId"));
        if (key == null) {
            return reply(404, "{\"Code\":\"InvalidAccessKeyId.NotFound\",\"RequestId\":\"R\"}");
        }
        if (key[1] != null && !key[1].equals(p.get("SecurityToken")) || key[1] == null && p.containsKey("SecurityToken")) {
            return reply(400, "{\"Code\":\"InvalidSecurityToken.MismatchWithAccessKey\",\"RequestId\":\"R\"}");
        }
        String expected = RpcSignature.sign(r.method, p, key[0]);
        if (!expected.equals(p.get("Signature"))) {
            return reply(400, "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is not matched "
                    + "with our calculation. server string to sign is:" + RpcSignature.stringToSign(r.method, p)
                    + "\",\"RequestId\":\"R\"}");
        }
        boolean second = SECOND_ROLE.equals(p.get("RoleArn"));
        return reply(200, "{\"RequestId\":\"R\",\"Credentials\":{\"AccessKeyId\":\"" + (second ? "STS.second" : "STS.first")
                + "\",\"AccessKeySecret\":\"" + (second ? "second-secret" : FIRST_SECRET) + "\",\"SecurityToken\":\""
                + (second ? "second-token" : FIRST_TOKEN) + "\",\"Expiration\":\"2026-01-02T04:04:05Z\"}}");
    }

    private NetworkSources sources() {
        return new NetworkSources(new Environment(Collections.emptyMap()), sts.uri().toString(), "http://127.0.0.1:9",
                http, EcsMetadataSourceTest.CLOCK);
    }

    private AssumeRoleSource fromKey(String secret, String policy, String externalId) {
        NetworkSources s = sources();
        return s.assumeRole(s.role(ROLE, "appendlog", null, policy, externalId),
                CredentialsSource.of(new Credentials(KEY_ID, secret), "settings"), "key " + KEY_ID, null, null);
    }

    @Test
    void signsAssumeRoleWithTheKeyAsStsChecksIt() throws IOException {
        AssumeRoleSource source = fromKey(KEY_SECRET, null, null);
        assertEquals("RAM role " + ROLE + " assumed with key " + KEY_ID, source.describe());
        Credentials c = source.fetch();
        assertEquals("STS.first", c.accessKeyId());
        assertEquals(FIRST_TOKEN, c.securityToken());
        StubServer.Request r = sts.requests().get(0);
        assertEquals("POST", r.method);
        Map<String, String> query = r.query();
        assertEquals(List.of("Action", "Format", "Version", "Timestamp", "SignatureMethod", "SignatureVersion",
                "SignatureNonce", "AccessKeyId"), List.copyOf(query.keySet()));
        assertEquals("AssumeRole", query.get("Action"));
        assertEquals("JSON", query.get("Format"));
        assertEquals("2015-04-01", query.get("Version"));
        assertEquals("2026-01-02T03:04:05Z", query.get("Timestamp"));
        assertEquals("HMAC-SHA1", query.get("SignatureMethod"));
        assertEquals("1.0", query.get("SignatureVersion"));
        assertTrue(query.get("SignatureNonce").matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"),
                query.get("SignatureNonce"));
        assertEquals(KEY_ID, query.get("AccessKeyId"));
        assertEquals(Set.of("RoleArn", "RoleSessionName", "DurationSeconds", "Signature"), r.form().keySet(),
                "no SecurityToken for a long-term key, no empty Policy or ExternalId");
        assertEquals("3600", r.form().get("DurationSeconds"));
        Map<String, String> signed = new HashMap<>(r.parameters());
        signed.remove("Signature");
        assertEquals(RpcSignature.sign("POST", signed, KEY_SECRET), r.form().get("Signature"));
        source.fetch();
        assertNotEquals(query.get("SignatureNonce"), sts.requests().get(1).query().get("SignatureNonce"),
                "a fresh nonce per request");
    }

    @Test
    void policyAndExternalIdAreSentAndSigned() throws IOException {
        fromKey(KEY_SECRET, "{\"Statement\":[{\"Action\":\"oss:*\"}]}", "ext-1").fetch();
        Map<String, String> form = sts.requests().get(0).form();
        assertEquals("{\"Statement\":[{\"Action\":\"oss:*\"}]}", form.get("Policy"));
        assertEquals("ext-1", form.get("ExternalId"));
    }

    @Test
    void aChainedRoleSendsTheSecurityTokenOfTheRoleItIsSignedWith() throws IOException {
        NetworkSources s = sources();
        AssumeRoleSource first = fromKey(KEY_SECRET, null, null);
        AssumeRoleSource second = s.assumeRole(s.role(SECOND_ROLE, "appendlog", 900, null, null), first, null, null,
                null);
        assertEquals("RAM role " + SECOND_ROLE + " assumed with RAM role " + ROLE + " assumed with key " + KEY_ID,
                second.describe());
        Credentials c = second.fetch();
        assertEquals("STS.second", c.accessKeyId());
        StubServer.Request chained = sts.requests().get(1);
        assertEquals("STS.first", chained.query().get("AccessKeyId"));
        assertEquals(FIRST_TOKEN, chained.form().get("SecurityToken"));
        assertEquals("900", chained.form().get("DurationSeconds"));
        assertFalse(chained.rawQuery.contains("SecurityToken") || chained.rawQuery.contains("first-sts-token"),
                "the token never goes in the URL");
    }

    @Test
    void aSignatureRefusalIsReportedWithoutTheStringToSignOrAnySecret() {
        keys.put(KEY_ID, new String[] {KEY_SECRET, null});
        NetworkSources s = sources();
        AssumeRoleSource first = fromKey(KEY_SECRET, null, null);
        keys.put("STS.first", new String[] {"another-secret", FIRST_TOKEN});
        AssumeRoleSource second = s.assumeRole(s.role(SECOND_ROLE, "appendlog", null, null, null), first, null, null,
                null);
        IOException e = assertThrows(IOException.class, second::fetch);
        assertTrue(e.getMessage().contains("STS AssumeRole at " + sts.uri() + "/ refused: HTTP 400 "
                + "SignatureDoesNotMatch: Specified signature is not matched with our calculation. server "
                + "[string to sign left out] (RequestId R)"), e.getMessage());
        for (String secret : new String[] {KEY_SECRET, FIRST_SECRET, FIRST_TOKEN, RpcSignature.percentEncode(FIRST_TOKEN)}) {
            assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
        assertEquals("first-sts-token%2Fwith%2Bchars%3D", CredentialsReplies.mask("first-sts-token%2Fwith%2Bchars%3D")
                , "mask leaves text alone without secrets");
        assertEquals("a **** b **** c ****", CredentialsReplies.mask("a " + FIRST_TOKEN + " b "
                + RpcSignature.percentEncode(FIRST_TOKEN) + " c "
                + RpcSignature.percentEncode(RpcSignature.percentEncode(FIRST_TOKEN)), FIRST_TOKEN));
    }

    @Test
    void aSignerThatCannotFetchFailsTheCallBeforeAnyRequest() {
        NetworkSources s = sources();
        CredentialsSource broken = new CredentialsSource() {
            @Override
            public Credentials fetch() throws IOException {
                throw new IOException("ECS RAM role 'r': down");
            }

            @Override
            public String describe() {
                return "ECS RAM role 'r'";
            }
        };
        IOException e = assertThrows(IOException.class,
                () -> s.assumeRole(s.role(ROLE, null, null, null, null), broken, null, null, null).fetch());
        assertEquals("RAM role " + ROLE + " assumed with ECS RAM role 'r': no credentials to sign AssumeRole with: "
                + "ECS RAM role 'r': down", e.getMessage());
        assertEquals(0, sts.requests().size());
    }
}
