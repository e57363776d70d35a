package io.github.appendlog.emulator.identity;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.oss.sign.RpcSignature;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Builds and sends STS calls as a client would: AssumeRole signed with core's RpcSignature, AssumeRoleWithOIDC anonymous. */
final class StsCalls {
    static final String ROLE = "acs:ram::123456789012:role/log-writer";
    static final String PROVIDER = "acs:ram::123456789012:oidc-provider/ack-rrsa-c1";

    private StsCalls() {
    }

    /** The parameters of an AssumeRole call by {@code key}, unsigned. */
    static Map<String, String> assumeRole(Credentials key) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Action", "AssumeRole");
        p.put("Format", "JSON");
        p.put("Version", "2015-04-01");
        p.put("AccessKeyId", key.accessKeyId());
        if (key.securityToken() != null) {
            p.put("SecurityToken", key.securityToken());
        }
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", UUID.randomUUID().toString());
        p.put("Timestamp", KeyMinter.WIRE_TIME.format(Instant.now()));
        p.put("RoleArn", ROLE);
        p.put("RoleSessionName", "appendlog");
        p.put("DurationSeconds", "3600");
        return p;
    }

    /** Signs the parameters for {@code method} with {@code secret} and adds the Signature. */
    static Map<String, String> sign(String method, Map<String, String> p, String secret) {
        p.put("Signature", RpcSignature.sign(method, p, secret));
        return p;
    }

    /** GET with every parameter in the query. */
    static HttpResponse<String> get(FakeSts sts, Map<String, String> p) throws Exception {
        return Http.get(sts.endpoint() + "/?" + form(p));
    }

    /** POST: the common parameters in the query, the others ({@code bodyNames}) as a form body. */
    static HttpResponse<String> post(FakeSts sts, Map<String, String> p, String... bodyNames) throws Exception {
        Map<String, String> query = new LinkedHashMap<>(p);
        Map<String, String> body = new LinkedHashMap<>();
        for (String name : bodyNames) {
            if (query.containsKey(name)) {
                body.put(name, query.remove(name));
            }
        }
        return Http.send("POST", sts.endpoint() + "/?" + form(query), form(body),
                "Content-Type", "application/x-www-form-urlencoded");
    }

    /** A signed AssumeRole GET by {@code key}. */
    static HttpResponse<String> assumeRoleGet(FakeSts sts, Credentials key) throws Exception {
        return get(sts, sign("GET", assumeRole(key), key.accessKeySecret()));
    }

    /** The parameters of an AssumeRoleWithOIDC call. */
    static Map<String, String> assumeRoleWithOidc(String token) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Action", "AssumeRoleWithOIDC");
        p.put("Format", "JSON");
        p.put("Version", "2015-04-01");
        p.put("Timestamp", KeyMinter.WIRE_TIME.format(Instant.now()));
        p.put("RoleArn", ROLE);
        p.put("OIDCProviderArn", PROVIDER);
        p.put("OIDCToken", token);
        p.put("RoleSessionName", "appendlog-pod");
        p.put("DurationSeconds", "3600");
        return p;
    }

    static HttpResponse<String> oidc(FakeSts sts, String token) throws Exception {
        return post(sts, assumeRoleWithOidc(token), "RoleArn", "OIDCProviderArn", "OIDCToken", "RoleSessionName",
                "DurationSeconds");
    }

    static String form(Map<String, String> p) {
        return p.entrySet().stream().map(e -> RpcSignature.percentEncode(e.getKey()) + "="
                + RpcSignature.percentEncode(e.getValue())).collect(Collectors.joining("&"));
    }
}
