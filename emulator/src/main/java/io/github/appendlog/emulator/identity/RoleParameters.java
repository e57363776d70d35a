package io.github.appendlog.emulator.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters both ways of assuming a role share, checked as STS does: {@code RoleArn}
 * ({@code acs:ram::<uid>:role/<name>}, and one of the known roles if any were given),
 * {@code RoleSessionName} (2-64 of {@code [A-Za-z0-9.@_-]}) and {@code DurationSeconds} (900 to the
 * roles' MaxSessionDuration; absent: 3600, or that maximum if lower); and the
 * {@code AssumedRoleUser} of a reply.
 */
final class RoleParameters {
    private static final Pattern ROLE_ARN = Pattern.compile("acs:ram::(\\d+):role/([^/]+)");
    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9.@_-]{2,64}");

    private final Set<String> roles;
    private final int maxSessionDurationSeconds;

    RoleParameters(Set<String> roles, int maxSessionDurationSeconds) {
        this.roles = Set.copyOf(roles);
        this.maxSessionDurationSeconds = maxSessionDurationSeconds;
    }

    /** Null if the role parameters are acceptable, else the error. */
    PopError check(Map<String, String> p) {
        String arn = p.get("RoleArn");
        if (RpcRequestCheck.empty(arn)) {
            return PopError.missing("RoleArn");
        }
        if (!ROLE_ARN.matcher(arn).matches()) {
            return PopError.invalid("RoleArn", "The parameter RoleArn is wrongly formed.");
        }
        if (!roles.isEmpty() && !roles.contains(arn)) {
            return PopError.of(404, "EntityNotExist.Role", "The role not exists: " + arn + ".");
        }
        String session = p.get("RoleSessionName");
        if (RpcRequestCheck.empty(session)) {
            return PopError.missing("RoleSessionName");
        }
        if (!SESSION_NAME.matcher(session).matches()) {
            return PopError.invalid("RoleSessionName", "The parameter RoleSessionName is wrongly formed.");
        }
        return durationSeconds(p) < 0 ? PopError.invalid("DurationSeconds", "The Min/Max value of DurationSeconds"
                + " is 15min/" + maxSessionDurationSeconds + "s.") : null;
    }

    /** The requested duration (absent: 3600 or the maximum if lower), or -1 if malformed or out of range. */
    int durationSeconds(Map<String, String> p) {
        String text = p.get("DurationSeconds");
        if (RpcRequestCheck.empty(text)) {
            return Math.min(3600, maxSessionDurationSeconds);
        }
        try {
            int seconds = Integer.parseInt(text);
            return seconds >= 900 && seconds <= maxSessionDurationSeconds ? seconds : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code {"Arn":"acs:ram::<uid>:role/<name>/<session>","AssumedRoleId":"<id>:<session>"}} of a checked request. */
    static Map<String, Object> assumedRoleUser(Map<String, String> p, String roleId) {
        Matcher arn = arn(p);
        String session = p.get("RoleSessionName");
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("Arn", "acs:ram::" + arn.group(1) + ":role/" + arn.group(2) + "/" + session);
        user.put("AssumedRoleId", "3" + roleId + ":" + session);
        return user;
    }

    /** The {@code OIDCTokenInfo} of an {@code AssumeRoleWithOIDC} reply (fixed, illustrative values). */
    static Map<String, Object> oidcTokenInfo(Map<String, String> p) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("Subject", "system:serviceaccount:default:app");
        info.put("Issuer", "https://oidc-ack.example/" + arn(p).group(1));
        info.put("ClientIds", "sts.aliyuncs.com");
        return info;
    }

    private static Matcher arn(Map<String, String> p) {
        Matcher m = ROLE_ARN.matcher(p.get("RoleArn"));
        if (!m.matches()) {
            throw new IllegalStateException("RoleArn was not checked");
        }
        return m;
    }
}
