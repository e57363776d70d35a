package io.github.appendlog.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.oss.Crc64;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OssEmulatorTest {
    private OssEmulator emu;
    private SignedClient client;

    @BeforeEach
    void start() {
        emu = OssEmulator.builder().bucket("logs").bucket("other").credentials("test-id", "test-secret").start();
        client = SignedClient.v4(emu, "logs", "test-id", "test-secret");
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private static long crc(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Crc64.compute(b, 0, b.length);
    }

    @Test
    void startsOnLoopbackWithARandomPort() {
        assertTrue(emu.port() > 0);
        assertEquals("http://127.0.0.1:" + emu.port(), emu.endpoint());
        assertEquals("cn-hangzhou", emu.region());
    }

    @Test
    void appendCreatesThenContinuesWithRunningCrc() throws Exception {
        HttpResponse<byte[]> first = client.append("app/a.log", 0, "hi oss,");
        assertEquals(200, first.statusCode());
        assertEquals("7", first.headers().firstValue("x-oss-next-append-position").orElseThrow());
        assertEquals("15880966883091442063", first.headers().firstValue("x-oss-hash-crc64ecma").orElseThrow());
        assertTrue(first.headers().firstValue("x-oss-request-id").isPresent());

        HttpResponse<byte[]> second = client.append("app/a.log", 7, "append object");
        assertEquals(200, second.statusCode());
        assertEquals("20", second.headers().firstValue("x-oss-next-append-position").orElseThrow());
        assertEquals("2313496259928504459", second.headers().firstValue("x-oss-hash-crc64ecma").orElseThrow());
        assertArrayEquals("hi oss,append object".getBytes(StandardCharsets.UTF_8), emu.objectBytes("logs", "app/a.log"));
        assertEquals(2, emu.requestCount(Operation.APPEND));
    }

    @Test
    void wrongPositionIsA409WithTheRealLength() throws Exception {
        client.append("k", 0, "12345");
        HttpResponse<byte[]> r = client.append("k", 3, "x");
        assertEquals(409, r.statusCode());
        assertEquals("5", r.headers().firstValue("x-oss-next-append-position").orElseThrow());
        assertEquals("0026-00000016", r.headers().firstValue("x-oss-ec").orElseThrow());
        assertEquals("application/xml", r.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        String xml = SignedClient.text(r);
        assertTrue(xml.contains("<Code>PositionNotEqualToLength</Code>"), xml);
        assertTrue(xml.contains("<EC>0026-00000016</EC>"), xml);
        assertTrue(xml.contains("<RequestId>" + r.headers().firstValue("x-oss-request-id").orElseThrow()), xml);
        assertTrue(xml.contains("<HostId>127.0.0.1:" + emu.port() + "</HostId>"), xml);
        assertEquals(409, client.append("k", 0, "x").statusCode(), "position 0 on a non-empty object");
        assertEquals(409, client.append("missing", 4, "x").statusCode());
    }

    @Test
    void appendToANormalObjectIsObjectNotAppendable() throws Exception {
        assertEquals(200, client.put("n", "normal").statusCode());
        HttpResponse<byte[]> r = client.append("n", 6, "x");
        assertEquals(409, r.statusCode());
        assertTrue(SignedClient.text(r).contains("<Code>ObjectNotAppendable</Code>"));
        assertEquals("0026-00000017", r.headers().firstValue("x-oss-ec").orElseThrow());
    }

    @Test
    void badPositionIsInvalidArgument() throws Exception {
        HttpResponse<byte[]> r = client.send("POST", "k", "append&position=abc", new byte[1], Map.of());
        assertEquals(400, r.statusCode());
        assertTrue(SignedClient.text(r).contains("<Code>InvalidArgument</Code>"));
        assertEquals("0016-00000502", r.headers().firstValue("x-oss-ec").orElseThrow());
        HttpResponse<byte[]> missing = client.send("POST", "k", "append", new byte[1], Map.of());
        assertEquals("0016-00000501", missing.headers().firstValue("x-oss-ec").orElseThrow());
    }

    @Test
    void headDescribesAppendableAndNormalObjects() throws Exception {
        client.append("a", 0, "abcd");
        HttpResponse<byte[]> h = client.head("a");
        assertEquals(200, h.statusCode());
        assertEquals("4", h.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("Appendable", h.headers().firstValue("x-oss-object-type").orElseThrow());
        assertEquals("4", h.headers().firstValue("x-oss-next-append-position").orElseThrow());
        assertEquals(Long.toUnsignedString(crc("abcd")), h.headers().firstValue("x-oss-hash-crc64ecma").orElseThrow());
        assertTrue(h.headers().firstValue("ETag").isPresent());
        assertTrue(h.headers().firstValue("Last-Modified").orElseThrow().endsWith("GMT"));

        client.put("n", "xyz");
        HttpResponse<byte[]> n = client.head("n");
        assertEquals("Normal", n.headers().firstValue("x-oss-object-type").orElseThrow());
        assertEquals(Long.toUnsignedString(crc("xyz")), n.headers().firstValue("x-oss-hash-crc64ecma").orElseThrow());
        assertFalse(n.headers().firstValue("x-oss-next-append-position").isPresent());

        HttpResponse<byte[]> missing = client.head("missing");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("x-oss-request-id").isPresent());
    }

    @Test
    void getWholeAndRanged() throws Exception {
        client.append("g", 0, "0123456789");
        HttpResponse<byte[]> all = client.get("g", Map.of());
        assertEquals(200, all.statusCode());
        assertEquals("0123456789", SignedClient.text(all));
        assertEquals("Appendable", all.headers().firstValue("x-oss-object-type").orElseThrow());
        assertEquals(Long.toUnsignedString(crc("0123456789")), all.headers().firstValue("x-oss-hash-crc64ecma").orElseThrow());

        HttpResponse<byte[]> part = client.get("g", Map.of("Range", "bytes=2-5"));
        assertEquals(206, part.statusCode());
        assertEquals("2345", SignedClient.text(part));
        assertEquals("bytes 2-5/10", part.headers().firstValue("Content-Range").orElseThrow());
        assertEquals("789", SignedClient.text(client.get("g", Map.of("Range", "bytes=7-"))));
        assertEquals("89", SignedClient.text(client.get("g", Map.of("Range", "bytes=-2"))));
        HttpResponse<byte[]> invalid = client.get("g", Map.of("Range", "bytes=20-30"));
        assertEquals(200, invalid.statusCode(), "an unsatisfiable range is ignored, as OSS does");

        HttpResponse<byte[]> missing = client.get("nope", Map.of());
        assertEquals(404, missing.statusCode());
        assertTrue(SignedClient.text(missing).contains("<Code>NoSuchKey</Code>"));
    }

    @Test
    void putReplacesAnAppendableObjectAndDeleteRemovesIt() throws Exception {
        client.append("p", 0, "appended");
        client.put("p", "normal");
        assertEquals("Normal", emu.objectType("logs", "p"));
        assertEquals(204, client.delete("p").statusCode());
        assertNull(emu.objectBytes("logs", "p"));
        assertEquals(204, client.delete("p").statusCode(), "deleting a missing key succeeds, as in OSS");
        assertEquals(200, client.append("p", 0, "again").statusCode());
    }

    @Test
    void zeroPositionOnAnEmptyAppendableObjectSucceeds() throws Exception {
        assertEquals(200, client.append("e", 0, "").statusCode());
        assertEquals("Appendable", emu.objectType("logs", "e"));
        assertEquals(200, client.append("e", 0, "x").statusCode());
        assertEquals("x", new String(emu.objectBytes("logs", "e"), StandardCharsets.UTF_8));
    }

    @Test
    void firstAppendKeepsContentTypeAndMetadataLaterOnesDoNot() throws Exception {
        client.send("POST", "m", "append&position=0", "a".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/plain", "x-oss-meta-Owner", "me"));
        client.send("POST", "m", "append&position=1", "b".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/html", "x-oss-meta-owner", "other"));
        HttpResponse<byte[]> h = client.head("m");
        assertEquals("text/plain", h.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("me", h.headers().firstValue("x-oss-meta-owner").orElseThrow());
    }

    @Test
    void listObjectsV2WithPrefixAndDelimiter() throws Exception {
        client.append("a/1.log", 0, "1");
        client.append("a/2.log", 0, "22");
        client.put("b/3.log", "333");
        HttpResponse<byte[]> r = client.send("GET", null, "list-type=2&prefix=a%2F", null, Map.of());
        assertEquals(200, r.statusCode());
        String xml = SignedClient.text(r);
        assertTrue(xml.contains("<Key>a/1.log</Key>") && xml.contains("<Key>a/2.log</Key>"), xml);
        assertFalse(xml.contains("b/3.log"), xml);
        assertTrue(xml.contains("<Type>Appendable</Type>") && xml.contains("<Size>2</Size>"), xml);
        assertTrue(xml.contains("<KeyCount>2</KeyCount>"), xml);

        String grouped = SignedClient.text(client.send("GET", null, "list-type=2&delimiter=%2F", null, Map.of()));
        assertTrue(grouped.contains("<Prefix>a/</Prefix>") && grouped.contains("<Prefix>b/</Prefix>"), grouped);

        String page = SignedClient.text(client.send("GET", null, "list-type=2&max-keys=1", null, Map.of()));
        assertTrue(page.contains("<IsTruncated>true</IsTruncated>"), page);
        String token = page.replaceAll("(?s).*<NextContinuationToken>(.*)</NextContinuationToken>.*", "$1");
        String next = SignedClient.text(client.send("GET", null, "list-type=2&max-keys=5&continuation-token=" + token,
                null, Map.of()));
        assertTrue(next.contains("<Key>a/2.log</Key>") && !next.contains("<Key>a/1.log</Key>"), next);
        assertEquals(List.of("a/1.log", "a/2.log"), emu.objectKeys("logs", "a/"));
    }

    @Test
    void unknownBucketIsNoSuchBucket() throws Exception {
        SignedClient nobucket = SignedClient.v4(emu, "nope", "test-id", "test-secret");
        HttpResponse<byte[]> r = nobucket.append("k", 0, "x");
        assertEquals(404, r.statusCode());
        assertTrue(SignedClient.text(r).contains("<Code>NoSuchBucket</Code>"));
        assertEquals("0015-00000101", r.headers().firstValue("x-oss-ec").orElseThrow());
    }

    @Test
    void bucketsAreSeparate() throws Exception {
        client.append("k", 0, "in logs");
        SignedClient other = SignedClient.v4(emu, "other", "test-id", "test-secret");
        assertEquals(404, other.head("k").statusCode());
        assertEquals(List.of("k"), emu.objectKeys("logs", ""));
        assertEquals(List.of(), emu.objectKeys("other", ""));
    }

    @Test
    void keysWithSpecialCharactersRoundTrip() throws Exception {
        String key = "dir with space/ü+%x.log";
        assertEquals(200, client.append(key, 0, "x").statusCode());
        assertEquals(List.of(key), emu.objectKeys("logs", "dir"));
        assertEquals(200, client.head(key).statusCode());
    }

    @Test
    void inProcessPutObjectMakesANormalObject() {
        byte[] content = {1, 2};
        emu.putObject("logs", "n", content);
        content[0] = 9;
        assertEquals("Normal", emu.objectType("logs", "n"));
        assertArrayEquals(new byte[] {1, 2}, emu.objectBytes("logs", "n"));
    }

    @Test
    void headErrorsCarryTheErrorXmlInXOssErr() throws Exception {
        SignedClient wrongSecret = SignedClient.v4(emu, "logs", "test-id", "not-the-secret");
        HttpResponse<byte[]> r = wrongSecret.head("k");
        assertEquals(403, r.statusCode());
        assertEquals(0, r.body().length, "a HEAD reply has no body");
        String xml = new String(java.util.Base64.getDecoder().decode(r.headers().firstValue("x-oss-err").orElseThrow()),
                StandardCharsets.UTF_8);
        assertTrue(xml.contains("<Code>SignatureDoesNotMatch</Code>"), xml);
        assertFalse(xml.contains("not-the-secret"), "the error never shows a secret");
        HttpResponse<byte[]> missing = SignedClient.v4(emu, "nobucket", "test-id", "test-secret").head("k");
        String missingXml = new String(java.util.Base64.getDecoder().decode(
                missing.headers().firstValue("x-oss-err").orElseThrow()), StandardCharsets.UTF_8);
        assertTrue(missingXml.contains("<Code>NoSuchBucket</Code>"), missingXml);
    }

    @Test
    void createBucketWhileRunningMakesItUsable() throws Exception {
        SignedClient later = SignedClient.v4(emu, "later", "test-id", "test-secret");
        assertEquals(404, later.append("k", 0, "x").statusCode());
        assertTrue(emu.createBucket("later"));
        assertFalse(emu.createBucket("later"), "already there");
        assertEquals(200, later.append("k", 0, "x").statusCode());
        assertEquals(List.of("k"), emu.objectKeys("later", ""));
    }
}
