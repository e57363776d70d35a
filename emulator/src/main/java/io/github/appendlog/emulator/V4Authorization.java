package io.github.appendlog.emulator;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parts of {@code OSS4-HMAC-SHA256 Credential=<id>/<date>/<region>/oss/aliyun_v4_request
 * [,AdditionalHeaders=h1;h2],Signature=<hex>} (parts may also be separated by {@code ", "}).
 */
final class V4Authorization {
    final String accessKeyId;
    final String scopeDate;
    final String region;
    final String product;
    final String terminator;
    final Set<String> additionalHeaders;
    final String signature;

    private V4Authorization(String accessKeyId, String scopeDate, String region, String product,
            String terminator, Set<String> additionalHeaders, String signature) {
        this.accessKeyId = accessKeyId;
        this.scopeDate = scopeDate;
        this.region = region;
        this.product = product;
        this.terminator = terminator;
        this.additionalHeaders = additionalHeaders;
        this.signature = signature;
    }

    /** Null if the value is malformed. */
    static V4Authorization parse(String authorization) {
        String rest = authorization.substring("OSS4-HMAC-SHA256".length()).trim();
        String credential = null;
        String signature = null;
        Set<String> additional = new TreeSet<>();
        for (String part : rest.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                return null;
            }
            String name = p.substring(0, eq);
            String value = p.substring(eq + 1).trim();
            if (name.equals("Credential")) {
                credential = value;
            } else if (name.equals("Signature")) {
                signature = value;
            } else if (name.equals("AdditionalHeaders")) {
                for (String h : value.split(";")) {
                    if (!h.isEmpty()) {
                        additional.add(h.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        if (credential == null || signature == null) {
            return null;
        }
        String[] scope = credential.split("/");
        if (scope.length < 5) {
            return null;
        }
        int n = scope.length;
        String id = String.join("/", java.util.Arrays.copyOf(scope, n - 4));
        return new V4Authorization(id, scope[n - 4], scope[n - 3], scope[n - 2], scope[n - 1],
                Collections.unmodifiableSet(additional), signature);
    }
}
