package io.github.appendlog.credentials;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Makes the network sources of one chain, all sharing its HTTP client, its clock and the settings and
 * variables that shape them: the metadata endpoint and {@code ALIBABA_CLOUD_ECS_METADATA} /
 * {@code ALIBABA_CLOUD_IMDSV1_DISABLED} for ECS; the STS endpoint ({@link StsEndpoint}) and
 * {@code ALIBABA_CLOUD_ROLE_SESSION_NAME} for the roles. Used by the chain and by the profile files'
 * readers; making a source sends nothing.
 */
final class NetworkSources {
    final Environment environment;
    final CredentialsHttp http;
    final Clock clock;
    private final String stsSetting;
    private final String ecsEndpoint;

    /**
     * @param stsSetting the {@code stsEndpoint} setting, or null
     * @param ecsEndpoint the metadata service's base URL (the setting, or the default)
     */
    NetworkSources(Environment environment, String stsSetting, String ecsEndpoint, CredentialsHttp http, Clock clock) {
        this.environment = environment;
        this.stsSetting = stsSetting;
        this.ecsEndpoint = ecsEndpoint;
        this.http = http;
        this.clock = clock;
    }

    /**
     * The metadata service's base URL.
     *
     * @throws IllegalArgumentException when {@code ecsMetadataEndpoint} is not an http(s) URL
     */
    URI ecsEndpoint() {
        return StsEndpoint.url(ecsEndpoint, "ecsMetadataEndpoint", false);
    }

    /**
     * The instance's RAM role: {@code role}, else {@code ALIBABA_CLOUD_ECS_METADATA}, else discovered.
     *
     * @throws IllegalArgumentException when {@code ecsMetadataEndpoint} is not an http(s) URL
     */
    EcsMetadataSource ecs(String role) {
        String name = role != null && !role.trim().isEmpty() ? role : environment.get(EcsMetadataSource.ROLE_VARIABLE);
        return new EcsMetadataSource(ecsEndpoint(), name, environment.flag(EcsMetadataSource.V1_DISABLED_VARIABLE), http,
                clock);
    }

    /**
     * A role request; a null or empty session name falls back to {@code ALIBABA_CLOUD_ROLE_SESSION_NAME},
     * then {@code appendlog-<millis>}, and a null duration to 3600 s.
     */
    RoleRequest role(String roleArn, String sessionName, Integer durationSeconds, String policy, String externalId) {
        String session = sessionName != null && !sessionName.trim().isEmpty() ? sessionName.trim()
                : environment.get(RoleRequest.SESSION_NAME_VARIABLE);
        if (session == null) {
            session = "appendlog-" + clock.millis();
        }
        return new RoleRequest(roleArn, session,
                durationSeconds == null ? RoleRequest.DEFAULT_DURATION_SECONDS : durationSeconds, policy, externalId);
    }

    /**
     * @param region a profile's STS region, or null
     * @param vpc a profile's {@code enable_vpc}, or null
     * @throws IllegalArgumentException when a configured STS endpoint is not a usable URL
     */
    OidcRoleSource oidc(RoleRequest role, String providerArn, Path tokenFile, String tokenFileOrigin, String region,
            Boolean vpc) {
        return new OidcRoleSource(role, providerArn, tokenFile, tokenFileOrigin,
                StsEndpoint.resolve(stsSetting, environment, region, vpc), http, clock);
    }

    /**
     * @param signerLabel how to name the signing credentials, or null for the signer's description
     * @throws IllegalArgumentException when a configured STS endpoint is not a usable URL
     */
    AssumeRoleSource assumeRole(RoleRequest role, CredentialsSource signer, String signerLabel, String region,
            Boolean vpc) {
        return new AssumeRoleSource(role, signer, signerLabel, StsEndpoint.resolve(stsSetting, environment, region, vpc),
                http, clock);
    }
}
