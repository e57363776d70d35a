package io.github.appendlog.oss.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known answers for the RPC signature: the published example, and an AssumeRole request. */
class RpcSignatureTest {

    @Test
    void thePublishedDescribeRegionsExample() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Version", "2014-05-26");
        p.put("Timestamp", "2016-02-23T12:46:24Z");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("Format", "XML");
        p.put("Action", "DescribeRegions");
        p.put("AccessKeyId", "testid");
        assertEquals("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
                + "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
                + "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
                RpcSignature.stringToSign("GET", p));
        assertEquals("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", RpcSignature.sign("GET", p, "testsecret"));
    }

    @Test
    void anAssumeRoleRequestWithARoleArnEncodedTwice() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccessKeyId", "testid");
        p.put("Action", "AssumeRole");
        p.put("DurationSeconds", "3600");
        p.put("Format", "JSON");
        p.put("RoleArn", "acs:ram::123456789012:role/test-role");
        p.put("RoleSessionName", "appendlog");
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureNonce", "00000000-0000-0000-0000-000000000001");
        p.put("SignatureVersion", "1.0");
        p.put("Timestamp", "2026-01-02T03:04:05Z");
        p.put("Version", "2015-04-01");
        p.put("Signature", "ignored: never part of what is signed");
        assertEquals("VwMjZPxKg+Ki8LTpmTkdWykc4Gs=", RpcSignature.sign("GET", p, "testsecret"));
    }

    @Test
    void percentEncodingKeepsOnlyTheUnreservedCharacters() {
        assertEquals("123abc%21%40%23%24%25%5E%26%2A%28%29-%3D_%2B%20~%7C%5C%2F",
                RpcSignature.percentEncode("123abc!@#$%^&*()-=_+ ~|\\/"));
        assertEquals("%E6%97%A5", RpcSignature.percentEncode("\u65e5"));
    }
}
