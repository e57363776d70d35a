package io.github.appendlog.oss.sign;

import io.github.appendlog.credentials.Credentials;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** Known answers from docs/append-protocol.md §4.1 (V4); the values are the protocol notes' test vectors. */
class OssV4SignerTest {
    private static final Credentials AK_SK = new Credentials("ak", "sk");

    private static SignableRequest vectorRequest() {
        return new SignableRequest("PUT", "bucket", "1234+-/123/1.txt")
                .header("x-oss-head1", "value")
                .header("abc", "value")
                .header("ZAbc", "value")
                .header("XYZ", "value")
                .header("content-type", "text/plain")
                .header("x-oss-content-sha256", "UNSIGNED-PAYLOAD")
                .addQuery("param1", "value1")
                .addQuery("+param1", "value3")
                .addQuery("|param1", "value4")
                .addQuery("+param2", "")
                .addQuery("|param2", "")
                .addQuery("param2", "");
    }

    @Test
    void authHeaderVector() {
        SignableRequest request = vectorRequest();
        OssV4Signer signer = new OssV4Signer("cn-hangzhou");
        signer.sign(request, AK_SK, Instant.ofEpochSecond(1702743657));
        assertEquals("PUT\n/bucket/1234%2B-/123/1.txt\n"
                + "%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\n"
                + "content-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\n"
                + "x-oss-head1:value\n\n\nUNSIGNED-PAYLOAD", signer.canonicalRequest(request));
        assertEquals("OSS4-HMAC-SHA256\n20231216T162057Z\n20231216/cn-hangzhou/oss/aliyun_v4_request\n"
                + "f4613657f1b108998e8dbd10a1aa5da621dc2c6e02c9ddec0f163664848704c4", signer.stringToSign(request));
        assertEquals("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                + "Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe",
                request.header("Authorization"));
    }

    @Test
    void authHeaderWithTokenVector() {
        SignableRequest request = vectorRequest();
        new OssV4Signer("cn-hangzhou").sign(request, new Credentials("ak", "sk", "token"),
                Instant.ofEpochSecond(1702784856));
        assertEquals("OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,"
                + "Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea",
                request.header("Authorization"));
    }

    @Test
    void additionalHeadersVector() {
        String expected = "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                + "AdditionalHeaders=abc;zabc,"
                + "Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f";
        SignableRequest first = vectorRequest();
        new OssV4Signer("cn-hangzhou", new HashSet<>(Arrays.asList("ZAbc", "abc")))
                .sign(first, AK_SK, Instant.ofEpochSecond(1702747512));
        assertEquals(expected, first.header("Authorization"));

        SignableRequest second = vectorRequest();
        new OssV4Signer("cn-hangzhou", new HashSet<>(Arrays.asList("x-oss-no-exist", "ZAbc", "x-oss-head1", "abc")))
                .sign(second, AK_SK, Instant.ofEpochSecond(1702747512));
        assertEquals(expected, second.header("Authorization"));
    }

    @Test
    void cloudBoxProductVector() {
        SignableRequest request = vectorRequest();
        new OssV4Signer("cb-123", "oss-cloudbox", new HashSet<>())
                .sign(request, AK_SK, Instant.ofEpochSecond(1702743657));
        assertEquals("OSS4-HMAC-SHA256 Credential=ak/20231216/cb-123/oss-cloudbox/aliyun_v4_request,"
                + "Signature=94ce1f12c17d148ea681030275a94449d3357f5b5b21133996eec80af3e08a43",
                request.header("Authorization"));
    }

    @Test
    void firstAppend() {
        SignableRequest request = new SignableRequest("POST", "examplebucket", "logs/app.log")
                .addQuery("append", null).addQuery("position", "0")
                .header("Content-Type", "application/octet-stream");
        OssV4Signer signer = new OssV4Signer("cn-hangzhou");
        signer.sign(request, AK_SK, Instant.ofEpochSecond(1702743657));
        assertEquals("POST\n/examplebucket/logs/app.log\nappend&position=0\n"
                + "content-type:application/octet-stream\nx-oss-content-sha256:UNSIGNED-PAYLOAD\n"
                + "x-oss-date:20231216T162057Z\n\n\nUNSIGNED-PAYLOAD", signer.canonicalRequest(request));
        assertEquals("OSS4-HMAC-SHA256\n20231216T162057Z\n20231216/cn-hangzhou/oss/aliyun_v4_request\n"
                + "3d2645ff1ecb0bbb4d396a77f665683b0688bc79ff290ff8ae86eab9d8d3fe1d", signer.stringToSign(request));
        assertEquals("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                + "Signature=e1162e49cd7cd393bbae14ed7be4123bcd66ebaa1aa97a7e3b39c4edc10b779e",
                request.header("Authorization"));
    }

    @Test
    void appendWithToken() {
        SignableRequest request = new SignableRequest("POST", "examplebucket", "logs/app.log")
                .addQuery("append", null).addQuery("position", "20")
                .header("Content-Type", "application/octet-stream");
        new OssV4Signer("cn-hangzhou").sign(request, new Credentials("ak", "sk", "token"),
                Instant.ofEpochSecond(1702743657));
        assertEquals("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                + "Signature=c73e16dc4afe973dc84535fb949f137a71b7d49c28082bce6d8680956f219ee5",
                request.header("Authorization"));
    }

    @Test
    void authorizationRecomputedFromAReceivedRequestMatches() {
        SignableRequest sent = new SignableRequest("POST", "logs", "app/x.log")
                .addQuery("append", null).addQuery("position", "7")
                .header("Content-Type", "text/plain");
        OssV4Signer signer = new OssV4Signer("cn-hangzhou");
        signer.sign(sent, AK_SK, Instant.parse("2026-11-25T08:00:00Z"));
        SignableRequest received = new SignableRequest("POST", "logs", "app/x.log")
                .addQuery("position", "7").addQuery("append", "");
        sent.headers().forEach(received::header);
        assertEquals(sent.header("Authorization"), signer.authorization(received, AK_SK));
    }

    @Test
    void uriEncodingKeepsUnreservedAndSlash() {
        assertEquals("/a%20b/%E6%97%A5%2A~._-", OssV4Signer.uriEncode("/a b/日*~._-", false));
        assertEquals("a%2Fb", OssV4Signer.uriEncode("a/b", true));
    }
}
