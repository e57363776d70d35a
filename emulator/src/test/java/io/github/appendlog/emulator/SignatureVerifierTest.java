package io.github.appendlog.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.oss.sign.OssV1Signer;
import io.github.appendlog.oss.sign.OssV4Signer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
    private OssEmulator emu;

    @BeforeEach
    void start() {
        emu = OssEmulator.builder().bucket("logs").credentials("id", "the-secret")
                .credentials("STS.tmp", "sts-secret", "the-token").start();
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private SignedClient client(String id, String secret, String token, boolean v4) {
        return new SignedClient(emu.endpoint(), "logs", new Credentials(id, secret, token),
                v4 ? new OssV4Signer(emu.region()) : new OssV1Signer(), HttpClient.newHttpClient());
    }

    @Test
    void acceptsV1AndV4() throws Exception {
        assertEquals(200, client("id", "the-secret", null, false).append("k", 0, "v1").statusCode());
        assertEquals(200, client("id", "the-secret", null, true).append("k", 2, "v4").statusCode());
    }

    @Test
    void v4WithAdditionalHeadersIsAccepted() throws Exception {
        SignedClient c = new SignedClient(emu.endpoint(), "logs", new Credentials("id", "the-secret"),
                new OssV4Signer(emu.region(), Set.of("x-custom")), HttpClient.newHttpClient());
        HttpResponse<byte[]> r = c.send("PUT", "k", "", new byte[] {1}, Map.of("X-Custom", "v"));
        assertEquals(200, r.statusCode(), SignedClient.text(r));
    }

    /** As the Node.js client (ali-oss) signs: no Date, x-oss-date as the Date line and as an x-oss- header. */
    private HttpResponse<String> nodeStyleAppend(String secret, String ossDate) throws Exception {
        String stringToSign = "POST\n\ntext/plain\n" + ossDate + "\nx-oss-date:" + ossDate
                + "\n/logs/node.log?append&position=0";
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = java.util.Base64.getEncoder().encodeToString(
                mac.doFinal(stringToSign.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(emu.endpoint() + "/logs/node.log?append&position=0"))
                .header("x-oss-date", ossDate).header("Content-Type", "text/plain")
                .header("Authorization", "OSS id:" + signature)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("from node\n")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void v1WithXOssDateInsteadOfDateIsAcceptedAsOssDoes() throws Exception {
        String now = OssV1Signer.RFC_1123.format(Instant.now());
        HttpResponse<String> r = nodeStyleAppend("the-secret", now);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("from node\n", new String(emu.objectBytes("logs", "node.log"), java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> wrong = nodeStyleAppend("wrong-secret", now);
        assertEquals(403, wrong.statusCode());
        assertTrue(wrong.body().contains("<Code>SignatureDoesNotMatch</Code>"), wrong.body());
        HttpResponse<String> skewed = nodeStyleAppend("the-secret", OssV1Signer.RFC_1123.format(Instant.now().minusSeconds(3600)));
        assertTrue(skewed.body().contains("<Code>RequestTimeTooSkewed</Code>"), skewed.body());
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatchWithTheStringToSignButNoSecret() throws Exception {
        for (boolean v4 : new boolean[] {false, true}) {
            HttpResponse<byte[]> r = client("id", "wrong-secret", null, v4).append("k", 0, "x");
            assertEquals(403, r.statusCode());
            String xml = SignedClient.text(r);
            assertTrue(xml.contains("<Code>SignatureDoesNotMatch</Code>"), xml);
            assertTrue(xml.contains("<StringToSign>"), xml);
            assertTrue(xml.contains(v4 ? "OSS4-HMAC-SHA256&#10;" : "POST&#10;"), xml);
            assertTrue(xml.contains("<OSSAccessKeyId>id</OSSAccessKeyId>"), xml);
            assertFalse(xml.contains("the-secret") || xml.contains("wrong-secret"), xml);
        }
    }

    @Test
    void unknownKeyIsInvalidAccessKeyId() throws Exception {
        HttpResponse<byte[]> r = client("nobody", "x", null, true).append("k", 0, "x");
        assertEquals(403, r.statusCode());
        assertTrue(SignedClient.text(r).contains("<Code>InvalidAccessKeyId</Code>"));
    }

    @Test
    void missingAuthorizationIsAccessDenied() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(emu.endpoint() + "/logs/k")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("<Code>AccessDenied</Code>"), r.body());
        assertTrue(r.headers().firstValue("x-oss-request-id").isPresent());
    }

    @Test
    void stsKeyNeedsItsToken() throws Exception {
        assertEquals(200, client("STS.tmp", "sts-secret", "the-token", true).append("s", 0, "x").statusCode());
        assertEquals(200, client("STS.tmp", "sts-secret", "the-token", false).append("s", 1, "x").statusCode());
        HttpResponse<byte[]> noToken = client("STS.tmp", "sts-secret", null, true).append("s", 2, "x");
        assertEquals(403, noToken.statusCode());
        assertTrue(SignedClient.text(noToken).contains("<Code>InvalidSecurityToken</Code>"));
        assertEquals(403, client("STS.tmp", "sts-secret", "other", false).append("s", 2, "x").statusCode());
    }

    @Test
    void otherRegionIsRefused() throws Exception {
        SignedClient c = new SignedClient(emu.endpoint(), "logs", new Credentials("id", "the-secret"),
                new OssV4Signer("cn-beijing"), HttpClient.newHttpClient());
        HttpResponse<byte[]> r = c.append("k", 0, "x");
        assertEquals(400, r.statusCode());
        assertTrue(SignedClient.text(r).contains("<Code>InvalidArgument</Code>"));
    }

    @Test
    void skewedClockIsRequestTimeTooSkewed() throws Exception {
        for (boolean v4 : new boolean[] {false, true}) {
            HttpResponse<byte[]> r = client("id", "the-secret", null, v4)
                    .signTime(Instant.now().minusSeconds(3600)).append("k", 0, "x");
            assertEquals(403, r.statusCode());
            assertTrue(SignedClient.text(r).contains("<Code>RequestTimeTooSkewed</Code>"));
        }
    }

    @Test
    void v4RequiresUnsignedPayload() {
        SignatureVerifier verifier = new SignatureVerifier(new KeyRing(Map.of(), null), "cn-hangzhou", System::currentTimeMillis);
        OssRequest bad = new OssRequest("PUT", "logs", "k", java.util.List.of(), Map.of("Authorization",
                "OSS4-HMAC-SHA256 Credential=id/20240101/cn-hangzhou/oss/aliyun_v4_request,Signature=00",
                "x-oss-content-sha256", "abc"), "h");
        OssError e = verifier.verify(bad);
        assertEquals("InvalidArgument", e.code());
        assertEquals("0002-00000214", e.ec());
    }

    @Test
    void malformedAuthorizationIsInvalidArgument() {
        SignatureVerifier verifier = new SignatureVerifier(new KeyRing(Map.of(), null), "cn-hangzhou", System::currentTimeMillis);
        OssRequest bad = new OssRequest("GET", "logs", "k", java.util.List.of(),
                Map.of("Authorization", "Bearer xyz"), "h");
        assertEquals("InvalidArgument", verifier.verify(bad).code());
        assertEquals(400, verifier.verify(bad).status());
    }

    @Test
    void virtualHostedStyleIsUnderstood() throws Exception {
        // Host: logs.localhost:PORT, path /key: the signature covers /logs/key as OSS does
        OssRequest r = new RequestParser(Set.of("logs")).parse(new org.apache.hc.core5.http.message
                .BasicClassicHttpRequest("POST", "/a/b.log?append&position=0") {
            {
                setHeader("Host", "logs.localhost:9000");
            }
        });
        assertEquals("logs", r.bucket());
        assertEquals("a/b.log", r.key());
        assertEquals(Operation.APPEND, r.operation());
        OssRequest path = new RequestParser(Set.of("logs")).parse(new org.apache.hc.core5.http.message
                .BasicClassicHttpRequest("GET", "/logs/a%2Bb.log") {
            {
                setHeader("Host", "127.0.0.1:9000");
            }
        });
        assertEquals("logs", path.bucket());
        assertEquals("a+b.log", path.key());
    }
}
