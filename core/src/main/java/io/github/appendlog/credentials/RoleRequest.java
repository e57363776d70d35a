package io.github.appendlog.credentials;

import java.util.Map;
import java.util.Objects;

/**
 * What both ways of assuming a RAM role send besides the credentials: {@code RoleArn},
 * {@code RoleSessionName} ({@code ALIBABA_CLOUD_ROLE_SESSION_NAME} or a profile's, else
 * {@code appendlog-<millis>}), {@code DurationSeconds} (3600 unless a profile says otherwise, at
 * least 900), and the optional {@code Policy} and {@code ExternalId} (AssumeRole only).
 */
final class RoleRequest {
    static final String SESSION_NAME_VARIABLE = "ALIBABA_CLOUD_ROLE_SESSION_NAME";
    static final int DEFAULT_DURATION_SECONDS = 3600;
    static final int MIN_DURATION_SECONDS = 900;

    final String roleArn;
    final String sessionName;
    final int durationSeconds;
    final String policy;
    final String externalId;

    RoleRequest(String roleArn, String sessionName, int durationSeconds, String policy, String externalId) {
        this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
        this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
        this.durationSeconds = durationSeconds;
        this.policy = policy;
        this.externalId = externalId;
    }

    /** Puts {@code RoleSessionName}, {@code DurationSeconds} and, when given, {@code Policy}. */
    void putSessionParameters(Map<String, String> parameters) {
        parameters.put("RoleSessionName", sessionName);
        parameters.put("DurationSeconds", Integer.toString(durationSeconds));
        if (policy != null && !policy.isEmpty()) {
            parameters.put("Policy", policy);
        }
    }
}
