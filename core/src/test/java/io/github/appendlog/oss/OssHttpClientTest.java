package io.github.appendlog.oss;

import io.github.appendlog.store.ObjectInfo;
import io.github.appendlog.store.AppendReply;
import io.github.appendlog.store.StoreErrorKind;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.oss.sign.OssV1Signer;
import io.github.appendlog.oss.sign.OssV4Signer;
import io.github.appendlog.oss.sign.RequestSigner;
import io.github.appendlog.oss.sign.SignableRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OssHttpClientTest {
    static final Credentials CREDS = new Credentials("LTAI5tTestKeyId", "very-secret-value", "sts-token-value");
    static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");

    final StubOssServer server;
    OssHttpClient client;

    OssHttpClientTest() throws IOException {
        server = new StubOssServer();
    }

    @AfterEach
    void close() throws IOException {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    OssHttpClient client(RequestSigner signer, String region) throws IOException {
        client = OssHttpClient.builder().endpoint(server.endpoint()).bucket("logs").credentials(CREDS)
                .signer(signer, region).contentType("text/plain; charset=utf-8")
                .requestTimeout(Duration.ofMillis(500)).connectTimeout(Duration.ofSeconds(2))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        return client;
    }

    OssHttpClient v4() throws IOException {
        return client(new OssV4Signer("cn-hangzhou"), "cn-hangzhou");
    }

    /** Recomputes the signature from what the server received. */
    static void assertSignedBy(RequestSigner signer, StubOssServer.Seen seen) {
        assertSignedBy(signer, seen, CREDS);
    }

    /** Recomputes the signature from what the server received, with {@code credentials}. */
    static void assertSignedBy(RequestSigner signer, StubOssServer.Seen seen, Credentials credentials) {
        String path = seen.rawPath.substring("/logs/".length());
        String key = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        SignableRequest r = new SignableRequest(seen.method, "logs", key);
        if (seen.rawQuery != null) {
            for (String p : seen.rawQuery.split("&")) {
                int eq = p.indexOf('=');
                r.addQuery(eq < 0 ? p : p.substring(0, eq), eq < 0 ? null : p.substring(eq + 1));
            }
        }
        for (Map.Entry<String, String> h : seen.headers.entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Authorization")) {
                r.header(h.getKey(), h.getValue());
            }
        }
        assertEquals(signer.authorization(r, credentials), seen.header("Authorization"));
    }

    @Test
    void creatingAppendIsASignedPathStylePostWithContentType() throws Exception {
        server.reply(200, null, "x-oss-next-append-position", "5", "x-oss-hash-crc64ecma", "18020588380933092773",
                "x-oss-request-id", "req-1");
        AppendReply reply = v4().append("logs/a b+ü.log", 0, "xxhello".getBytes(StandardCharsets.UTF_8), 2, 5, true);
        StubOssServer.Seen seen = server.last();
        assertEquals("POST", seen.method);
        assertEquals("/logs/logs/a%20b%2B%C3%BC.log", seen.rawPath);
        assertEquals("append&position=0", seen.rawQuery);
        assertEquals("text/plain; charset=utf-8", seen.header("Content-Type"));
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), seen.body);
        assertEquals("20240506T070809Z", seen.header("x-oss-date"));
        assertEquals("sts-token-value", seen.header("x-oss-security-token"));
        assertTrue(seen.header("Authorization").startsWith("OSS4-HMAC-SHA256 Credential=LTAI5tTestKeyId/20240506/cn-hangzhou/oss/"));
        assertSignedBy(new OssV4Signer("cn-hangzhou"), seen);
        assertEquals(5, reply.nextPosition());
        assertTrue(reply.hasChecksum());
        assertEquals(Long.parseUnsignedLong("18020588380933092773"), reply.checksum());
        assertEquals("req-1", reply.requestId());
        assertTrue(client.pathStyle());
    }

    @Test
    void laterAppendsSendNoContentTypeAndV1SignsThem() throws Exception {
        server.reply(200, null, "x-oss-next-append-position", "12", "x-oss-hash-crc64ecma", "1");
        client(new OssV1Signer(), null).append("k.log", 7, new byte[5], 0, 5, false);
        StubOssServer.Seen seen = server.last();
        assertNull(seen.header("Content-Type"));
        assertEquals("append&position=7", seen.rawQuery);
        assertTrue(seen.header("Authorization").startsWith("OSS LTAI5tTestKeyId:"));
        assertEquals("Mon, 06 May 2024 07:08:09 GMT", seen.header("Date"));
        assertSignedBy(new OssV1Signer(), seen);
    }

    @Test
    void replyWithoutCrcOrWithAMalformedOneHasNoCrc() throws Exception {
        server.reply(200, null, "x-oss-next-append-position", "3")
                .reply(200, null, "x-oss-next-append-position", "6", "x-oss-hash-crc64ecma", "-12x");
        assertFalse(v4().append("k", 0, new byte[3], 0, 3, true).hasChecksum());
        assertFalse(client.append("k", 3, new byte[3], 0, 3, false).hasChecksum());
    }

    @Test
    void replyWithoutNextPositionIsAnAmbiguousIoError() throws Exception {
        server.reply(200, null);
        IOException e = assertThrows(IOException.class, () -> v4().append("k", 0, new byte[3], 0, 3, true));
        assertTrue(e.getMessage().contains("x-oss-next-append-position"), e.getMessage());
    }

    @Test
    void positionMismatchCarriesTheTrueLength() throws Exception {
        server.reply(409, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>PositionNotEqualToLength</Code>"
                + "<Message>Position is not equal to file length</Message><RequestId>RID-409</RequestId>"
                + "<HostId>logs.oss</HostId><EC>0026-00000016</EC></Error>",
                "x-oss-next-append-position", "1717", "x-oss-request-id", "RID-409", "Content-Type", "application/xml");
        OssServiceException e = assertThrows(OssServiceException.class,
                () -> v4().append("k", 5, new byte[1], 0, 1, false));
        assertEquals(StoreErrorKind.POSITION_MISMATCH, e.kind());
        assertEquals(1717, e.nextAppendPosition());
        assertEquals("PositionNotEqualToLength", e.errorCode());
        assertEquals("RID-409", e.requestId());
        assertEquals(409, e.httpStatus());
        assertTrue(e.getMessage().contains("1717 bytes long"), e.getMessage());
    }

    @Test
    void signatureMismatchSaysWhatToCheckWithoutTheSecret() throws Exception {
        server.reply(403, "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated"
                + " does not match</Message><RequestId>RID-403</RequestId><StringToSign>POST\n...</StringToSign>"
                + "<OSSAccessKeyId>LTAI5tTestKeyId</OSSAccessKeyId></Error>");
        OssServiceException e = assertThrows(OssServiceException.class,
                () -> v4().append("k", 0, new byte[1], 0, 1, true));
        assertEquals(StoreErrorKind.AUTH_FAILED, e.kind());
        String m = e.getMessage();
        assertTrue(m.startsWith("SignatureDoesNotMatch: the signature OSS computed differs from ours; check "
                + "accessKeySecret for access key id LTAI5tTestKeyId"), m);
        assertTrue(m.contains("region 'cn-hangzhou'"), m);
        assertTrue(m.contains("request id RID-403"), m);
        assertFalse(m.contains("very-secret-value"), m);
        assertFalse(m.contains("sts-token-value"), m);
        assertFalse(client.toString().contains("very-secret-value"));
        assertFalse(client.toString().contains("sts-token-value"));
    }

    @Test
    void missingBucketNamesBucketAndEndpoint() throws Exception {
        server.reply(404, "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist.</Message>"
                + "<RequestId>RID-404</RequestId><BucketName>logs</BucketName><EC>0015-00000101</EC></Error>");
        OssServiceException e = assertThrows(OssServiceException.class,
                () -> v4().append("k", 0, new byte[1], 0, 1, true));
        assertEquals(StoreErrorKind.NO_SUCH_BUCKET, e.kind());
        assertTrue(e.getMessage().startsWith("NoSuchBucket: bucket 'logs' does not exist at " + server.endpoint()
                + "; check bucket and endpoint/region"), e.getMessage());
        assertTrue(e.getMessage().contains("EC 0015-00000101"), e.getMessage());
    }

    @Test
    void malformedXmlStillGivesTheCode() throws Exception {
        server.reply(503, "<Error><Code>SlowDown</Code><Message>Please reduce your request rate", "x-oss-request-id",
                "RID-503");
        OssServiceException e = assertThrows(OssServiceException.class,
                () -> v4().append("k", 0, new byte[1], 0, 1, true));
        assertEquals(StoreErrorKind.THROTTLED, e.kind());
        assertEquals("SlowDown", e.errorCode());
        assertEquals("RID-503", e.requestId());
    }

    @Test
    void emptyErrorBodiesAreClassifiedByStatus() throws Exception {
        server.reply(500, null).reply(502, "not xml at all").reply(429, null).reply(400, null);
        v4();
        StoreErrorKind[] kinds = {StoreErrorKind.TRANSIENT, StoreErrorKind.TRANSIENT, StoreErrorKind.THROTTLED,
                StoreErrorKind.BAD_REQUEST};
        for (StoreErrorKind kind : kinds) {
            OssServiceException e = assertThrows(OssServiceException.class,
                    () -> client.append("k", 0, new byte[1], 0, 1, true));
            assertEquals(kind, e.kind());
            assertNull(e.errorCode());
        }
    }

    @Test
    void headReadsLengthTypeAndUnsignedCrc() throws Exception {
        server.reply(200, null, "Content-Length", "4", "x-oss-object-type", "Appendable",
                "x-oss-next-append-position", "4", "x-oss-hash-crc64ecma", "18020588380933092773");
        ObjectInfo info = v4().head("dir/k");
        assertEquals("HEAD", server.last().method);
        assertEquals("/logs/dir/k", server.last().rawPath);
        assertSignedBy(new OssV4Signer("cn-hangzhou"), server.last());
        assertEquals(4, info.length());
        assertTrue(info.appendable());
        assertEquals(Long.parseUnsignedLong("18020588380933092773"), info.checksum());
    }

    @Test
    void headOfANormalObjectFallsBackToContentLength() throws Exception {
        server.reply(200, null, "x-oss-object-type", "Normal", "Content-Length", "9");
        ObjectInfo info = v4().head("k");
        assertFalse(info.appendable());
        assertEquals(9, info.length());
        assertFalse(info.hasChecksum());
    }

    @Test
    void headErrorsHaveNoBody() throws Exception {
        String bucketErr = Base64.getEncoder().encodeToString(
                "<Error><Code>NoSuchBucket</Code><RequestId>R</RequestId></Error>".getBytes(StandardCharsets.UTF_8));
        server.reply(404, null).reply(403, null).reply(404, null, "x-oss-err", bucketErr).reply(500, null);
        assertNull(v4().head("k"));
        OssServiceException auth = assertThrows(OssServiceException.class, () -> client.head("k"));
        assertEquals(StoreErrorKind.AUTH_FAILED, auth.kind());
        assertTrue(auth.getMessage().contains("check accessKeyId LTAI5tTestKeyId"), auth.getMessage());
        OssServiceException bucket = assertThrows(OssServiceException.class, () -> client.head("k"));
        assertEquals(StoreErrorKind.NO_SUCH_BUCKET, bucket.kind());
        assertEquals(StoreErrorKind.TRANSIENT, assertThrows(OssServiceException.class, () -> client.head("k")).kind());
    }

    @Test
    void rangedGetSendsARangeAndReturnsThePart() throws Exception {
        server.reply(206, "cde").reply(200, "abcdefgh");
        assertArrayEquals("cde".getBytes(StandardCharsets.UTF_8), v4().getRange("k", 2, 4));
        assertEquals("bytes=2-4", server.last().header("Range"));
        assertSignedBy(new OssV4Signer("cn-hangzhou"), server.last());
        assertArrayEquals("cde".getBytes(StandardCharsets.UTF_8), client.getRange("k", 2, 4));
    }

    @Test
    void rangedGetOfAMissingObjectIsNoSuchKey() throws Exception {
        server.reply(404, "<Error><Code>NoSuchKey</Code></Error>");
        OssServiceException e = assertThrows(OssServiceException.class, () -> v4().getRange("k", 0, 1));
        assertEquals(StoreErrorKind.NO_SUCH_KEY, e.kind());
    }

    @Test
    void aDroppedConnectionIsNotRetriedByHttpClient() throws Exception {
        server.drop();
        assertThrows(IOException.class, () -> v4().append("k", 0, new byte[1], 0, 1, true));
        assertEquals(1, server.seen().size());
    }

    @Test
    void aSlowReplyTimesOutAfterTheRequestTimeout() throws Exception {
        server.hang();
        long start = System.nanoTime();
        assertThrows(IOException.class, () -> v4().append("k", 0, new byte[1], 0, 1, true));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis >= 400 && tookMillis < 5_000, "took " + tookMillis + " ms");
        assertEquals(1, server.seen().size());
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        server.reply(307, "<Error><Code>TemporaryRedirect</Code></Error>", "Location", server.endpoint() + "/elsewhere");
        OssServiceException e = assertThrows(OssServiceException.class,
                () -> v4().append("k", 0, new byte[1], 0, 1, true));
        assertEquals(StoreErrorKind.BAD_REQUEST, e.kind());
        assertEquals(1, server.seen().size());
    }

    @Test
    void connectionsAreReused() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.reply(200, null, "x-oss-next-append-position", Integer.toString(i + 1));
        }
        v4();
        for (int i = 0; i < 3; i++) {
            client.append("k", i, new byte[1], 0, 1, i == 0);
        }
        assertEquals(3, server.seen().size());
    }

    @Test
    void createFollowsTheConfig() throws IOException {
        AppendlogConfig v1 = AppendlogConfig.builder().endpoint(server.endpoint()).bucket("logs").objectKey("k")
                .accessKeyId("id").accessKeySecret("secret").signatureVersion("V1").build();
        try (OssHttpClient c = OssHttpClient.create(v1)) {
            assertTrue(c.toString().contains("OssV1Signer"), c.toString());
            assertTrue(c.pathStyle());
            assertEquals("oss://logs at " + server.endpoint(), c.describe());
        }
        AppendlogConfig v4 = AppendlogConfig.builder().endpoint("https://oss-cn-hangzhou.aliyuncs.com").bucket("logs")
                .objectKey("k").accessKeyId("id").accessKeySecret("secret").build();
        try (OssHttpClient c = OssHttpClient.create(v4)) {
            assertTrue(c.toString().contains("OssV4Signer"), c.toString());
            assertFalse(c.pathStyle());
        }
        AppendlogConfig badTrust = AppendlogConfig.builder().endpoint(server.endpoint()).bucket("logs").objectKey("k")
                .accessKeyId("id").accessKeySecret("secret").signatureVersion("V1")
                .trustStore("/nonexistent/trust.p12").build();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> OssHttpClient.create(badTrust));
        assertTrue(e.getMessage().contains("/nonexistent/trust.p12"), e.getMessage());
    }

    @Test
    void listFollowsContinuationTokensAndDecodesKeys() throws Exception {
        server.reply(200, "<?xml version=\"1.0\"?><ListBucketResult><Name>logs</Name><EncodingType>url</EncodingType>"
                + "<IsTruncated>true</IsTruncated><NextContinuationToken>tok/1&amp;2</NextContinuationToken>"
                + "<Contents><Key>a%2Fx-1.log</Key><Size>3</Size></Contents>"
                + "<Contents><Key>a/x-%E6%97%A5+1.log</Key></Contents></ListBucketResult>");
        server.reply(200, "<ListBucketResult><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>"
                + "<Contents><Key>a/x-2.log</Key></Contents></ListBucketResult>");
        OssHttpClient c = v4();
        assertEquals(java.util.List.of("a/x-1.log", "a/x-\u65e5+1.log", "a/x-2.log"), c.list("a/x-"));
        assertEquals(2, server.seen().size());
        StubOssServer.Seen first = server.seen().get(0);
        assertEquals("/logs/", first.rawPath);
        assertEquals("encoding-type=url&list-type=2&max-keys=1000&prefix=a%2Fx-", first.rawQuery);
        StubOssServer.Seen second = server.seen().get(1);
        assertTrue(second.rawQuery.endsWith("&continuation-token=tok%2F1%262"), second.rawQuery);
    }

    @Test
    void listObjectsGivesEachObjectsSizeTimeAndType() throws Exception {
        server.reply(200, "<ListBucketResult><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>"
                + "<Contents><Key>a/x-1.log</Key><LastModified>2024-05-06T07:08:09.000Z</LastModified>"
                + "<ETag>\"E1\"</ETag><Type>Appendable</Type><Size>1234</Size></Contents>"
                + "<Contents><Key>a/x%26y.txt</Key><Size>7</Size><Type>Normal</Type></Contents>"
                + "<Contents><Key>a/bare</Key></Contents></ListBucketResult>");
        java.util.List<OssObjectSummary> objects = v4().listObjects("a/", System.nanoTime() + 5_000_000_000L);
        assertEquals(3, objects.size());
        assertEquals("a/x-1.log", objects.get(0).key());
        assertEquals(1234, objects.get(0).size());
        assertEquals("2024-05-06T07:08:09.000Z", objects.get(0).lastModified());
        assertEquals("Appendable", objects.get(0).type());
        assertEquals("a/x&y.txt", objects.get(1).key());
        assertEquals(7, objects.get(1).size());
        assertEquals("Normal", objects.get(1).type());
        assertEquals(-1, objects.get(2).size());
        assertNull(objects.get(2).lastModified());
        assertNull(objects.get(2).type());
    }

    @Test
    void aListingEntryWithoutAKeyIsAnIoError() throws Exception {
        server.reply(200, "<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>");
        IOException e = assertThrows(IOException.class, () -> v4().list("a/"));
        assertTrue(e.getMessage().contains("no <Key>"), e.getMessage());
    }

    @Test
    void aListingTheStoreRefusesIsAServiceError() throws Exception {
        server.reply(403, "<Error><Code>AccessDenied</Code><Message>no</Message></Error>");
        OssServiceException e = assertThrows(OssServiceException.class, () -> v4().list("a/"));
        assertEquals(StoreErrorKind.AUTH_FAILED, e.kind());
    }
}
