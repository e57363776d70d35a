package io.github.appendlog.oss.sign;

import io.github.appendlog.credentials.Credentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Known answers from docs/append-protocol.md §4.2 (V1); the values are the protocol notes' test vectors. */
class OssV1SignerTest {
    private static final Credentials AK_SK = new Credentials("ak", "sk");
    private static final Instant SIGN_TIME = Instant.parse("2022-12-28T10:27:41Z");

    private static SignableRequest putNelson() {
        return new SignableRequest("PUT", "examplebucket", "nelson")
                .header("Content-MD5", "eB5eJF1ptWaXm4bijSPyxw==")
                .header("Content-Type", "text/html")
                .header("x-oss-meta-author", "alice")
                .header("x-oss-meta-magic", "abracadabra")
                .header("x-oss-date", "Wed, 28 Dec 2022 10:27:41 GMT");
    }

    @Test
    void case1PutWithMetadata() {
        SignableRequest request = putNelson();
        new OssV1Signer().sign(request, AK_SK, SIGN_TIME);
        assertEquals("Wed, 28 Dec 2022 10:27:41 GMT", request.header("Date"));
        assertEquals("PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\nWed, 28 Dec 2022 10:27:41 GMT\n"
                + "x-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\nx-oss-meta-author:alice\nx-oss-meta-magic:abracadabra\n"
                + "/examplebucket/nelson", new OssV1Signer().stringToSign(request));
        assertEquals("OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=", request.header("Authorization"));
    }

    @Test
    void case2SubResourceAcl() {
        SignableRequest request = putNelson().addQuery("acl", null);
        new OssV1Signer().sign(request, AK_SK, SIGN_TIME);
        assertEquals("OSS ak:/afkugFbmWDQ967j1vr6zygBLQk=", request.header("Authorization"));
    }

    @Test
    void case4BucketOnlyWithExtraSubResource() {
        SignableRequest request = new SignableRequest("GET", "examplebucket", null)
                .addQuery("resourceGroup", null).addQuery("acl", null)
                .header("x-oss-date", "Wed, 28 Dec 2022 10:27:41 GMT");
        OssV1Signer signer = new OssV1Signer(Collections.singleton("resourceGroup"));
        signer.sign(request, AK_SK, SIGN_TIME);
        assertEquals("GET\n\n\nWed, 28 Dec 2022 10:27:41 GMT\nx-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\n"
                + "/examplebucket/?acl&resourceGroup", signer.stringToSign(request));
        assertEquals("OSS ak:x3E5TgOvl/i7PN618s5mEvpJDYk=", request.header("Authorization"));
    }

    @Test
    void firstAppend() {
        SignableRequest request = new SignableRequest("POST", "examplebucket", "logs/app.log")
                .addQuery("append", null).addQuery("position", "0")
                .header("Content-Type", "application/octet-stream");
        new OssV1Signer().sign(request, AK_SK, SIGN_TIME);
        assertEquals("POST\n\napplication/octet-stream\nWed, 28 Dec 2022 10:27:41 GMT\n"
                + "/examplebucket/logs/app.log?append&position=0", new OssV1Signer().stringToSign(request));
        assertEquals("OSS ak:rxutX2+LfQC/aTxzagOlmSJcKjE=", request.header("Authorization"));
    }

    @Test
    void appendWithStsToken() {
        SignableRequest request = new SignableRequest("POST", "examplebucket", "logs/app.log")
                .addQuery("append", null).addQuery("position", "20")
                .header("Content-Type", "application/octet-stream");
        new OssV1Signer().sign(request, new Credentials("ak", "sk", "token"), SIGN_TIME);
        assertEquals("token", request.header("x-oss-security-token"));
        assertEquals("OSS ak:Ico6xiH1TxBVi26Oe73PpHmCIf8=", request.header("Authorization"));
    }

    @Test
    void unsignedQueryParametersAreIgnored() {
        SignableRequest plain = new SignableRequest("GET", "b", "k").header("Date", "x");
        SignableRequest withPrefix = new SignableRequest("GET", "b", "k").header("Date", "x")
                .addQuery("prefix", "logs/");
        assertEquals(new OssV1Signer().stringToSign(plain), new OssV1Signer().stringToSign(withPrefix));
    }

    @Test
    void credentialsNeverShowTheSecret() {
        String shown = new Credentials("LTAIexample", "very-secret", "sts-token-value").toString();
        assertFalse(shown.contains("very-secret"));
        assertFalse(shown.contains("sts-token-value"));
    }
}
