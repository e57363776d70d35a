package io.github.appendlog.oss;

import io.github.appendlog.store.StoreErrorKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error reply parsing ({@link OssErrorReply}) and classification ({@link OssErrorClassifier}). */
class OssErrorClassifierTest {
    final OssErrorClassifier classifier = new OssErrorClassifier("logs", "http://127.0.0.1:9000", "LTAIkey", null);

    static OssErrorReply reply(int status, String body) {
        return OssErrorReply.parse(status, body == null ? null : body.getBytes(StandardCharsets.UTF_8), null, null,
                null, null);
    }

    /** The message of the exception for an append of {@code key} answered {@code status} with {@code code}. */
    String appendErrorMessage(int status, String code, String key) {
        return classifier.toException(reply(status, "<Error><Code>" + code + "</Code></Error>"), "append", key)
                .getMessage();
    }

    @ParameterizedTest(name = "HTTP {0} {1} is {2}")
    @CsvSource({
            "409, PositionNotEqualToLength, POSITION_MISMATCH",
            "409, ObjectNotAppendable, NOT_APPENDABLE",
            "404, NoSuchBucket, NO_SUCH_BUCKET",
            "404, NoSuchKey, NO_SUCH_KEY",
            "503, SlowDown, THROTTLED",
            "429, , THROTTLED",
            "503, ServiceUnavailable, TRANSIENT",
            "500, InternalError, TRANSIENT",
            "400, RequestTimeout, TRANSIENT",
            "403, SignatureDoesNotMatch, AUTH_FAILED",
            "403, RequestTimeTooSkewed, AUTH_FAILED",
            "403, , AUTH_FAILED",
            "400, EntityTooLarge, SIZE_LIMIT",
            "409, FileImmutable, BAD_REQUEST",
            "400, InvalidArgument, BAD_REQUEST"
    })
    void codesMapToKinds(int status, String code, StoreErrorKind kind) {
        assertEquals(kind, OssErrorClassifier.kind(status, code));
    }

    @Test
    void xmlFieldsAreUnescapedAndTheHeaderRequestIdWins() {
        OssErrorReply r = OssErrorReply.parse(400, ("<Error><Code>InvalidArgument</Code><Message>a &lt;b&gt; &amp; c"
                + "</Message><RequestId>BODY</RequestId></Error>").getBytes(StandardCharsets.UTF_8), null, "HEADER",
                "0016-00000502", "x");
        assertEquals("InvalidArgument", r.code());
        assertEquals("a <b> & c", r.message());
        assertEquals("HEADER", r.requestId());
        assertEquals("0016-00000502", r.ec());
        assertEquals(-1, r.nextAppendPosition());
    }

    @Test
    void jsonEnvelopesAndBase64HeadersAreRead() {
        OssErrorReply json = reply(403, "{\"Error\":{\"Code\":\"AccessDenied\",\"Message\":\"no \\\"way\\\"\","
                + "\"RequestId\":\"R1\"}}");
        assertEquals("AccessDenied", json.code());
        assertEquals("no \"way\"", json.message());
        assertEquals("R1", json.requestId());
        String b64 = Base64.getEncoder().encodeToString(
                "<Error><Code>NoSuchKey</Code></Error>".getBytes(StandardCharsets.UTF_8));
        assertEquals("NoSuchKey", OssErrorReply.parse(404, new byte[0], b64, null, null, null).code());
        assertNull(OssErrorReply.parse(404, new byte[0], "%%%not base64", null, null, null).code());
    }

    @Test
    void garbageBodiesGiveNoCode() {
        assertNull(reply(502, "<html>Bad Gateway</html>").code());
        assertNull(reply(500, null).code());
        assertNull(reply(500, "<Error><Code>Unclosed").code());
    }

    @Test
    void messagesSayWhatToCheck() {
        String invalidKey = appendErrorMessage(403, "InvalidAccessKeyId", "k");
        assertTrue(invalidKey.startsWith("InvalidAccessKeyId: OSS does not know access key id LTAIkey; check accessKeyId"),
                invalidKey);
        String skew = appendErrorMessage(403, "RequestTimeTooSkewed", "k");
        assertTrue(skew.contains("clock"), skew);
        String notAppendable = appendErrorMessage(409, "ObjectNotAppendable", "a/b.log");
        assertTrue(notAppendable.startsWith("ObjectNotAppendable: object 'a/b.log' in bucket 'logs' is not an appendable"),
                notAppendable);
        String signature = appendErrorMessage(403, "SignatureDoesNotMatch", "k");
        assertFalse(signature.contains("region"), "V1 has no region: " + signature);
        String other = classifier.toException(reply(400, "<Error><Code>InvalidArgument</Code><Message>bad position"
                + "</Message><RequestId>RQ</RequestId></Error>"), "append of 1 bytes", "k").getMessage();
        assertEquals("InvalidArgument: bad position [append of 1 bytes; HTTP 400, request id RQ]", other);
    }

    @Test
    void wrongEndpointsNameTheRightOne() {
        String m = classifier.toException(reply(403, "<Error><Code>AccessDenied</Code><Message>The bucket you are"
                + " attempting to access must be addressed using the specified endpoint.</Message>"
                + "<Endpoint>oss-cn-shanghai.aliyuncs.com</Endpoint></Error>"), "append", "k").getMessage();
        assertTrue(m.startsWith("AccessDenied: bucket 'logs' must be addressed through endpoint "
                + "oss-cn-shanghai.aliyuncs.com; check endpoint and region"), m);
        String redirect = appendErrorMessage(301, "PermanentRedirect", "k");
        assertTrue(redirect.contains("check endpoint and region"), redirect);
    }

    @Test
    void longServerMessagesAreCut() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            big.append('x');
        }
        OssErrorReply r = reply(400, "<Error><Code>X</Code><Message>" + big + "</Message></Error>");
        assertTrue(r.message().length() < 600);
    }
}
