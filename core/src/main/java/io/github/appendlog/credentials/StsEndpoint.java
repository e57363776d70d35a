package io.github.appendlog.credentials;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where STS requests go, first rule that applies:
 * <ol>
 *   <li>the {@code stsEndpoint} setting, a full URL (scheme included);
 *   <li>{@code ALIBABA_CLOUD_STS_ENDPOINT}, a host or a URL ({@code https} when no scheme is given);
 *   <li>{@link CredentialsChain#stsEndpointOverride()} when set: the test build's loopback address,
 *       which replaces every derived host below;
 *   <li>{@code https://sts[-vpc].<region>.aliyuncs.com} when a region is given (a profile's
 *       {@code sts_region}, else {@code ALIBABA_CLOUD_STS_REGION}); {@code -vpc} when the profile's
 *       {@code enable_vpc} or {@code ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED} is {@code true};
 *   <li>{@code https://sts.aliyuncs.com}.
 * </ol>
 * The result is a base URL without a trailing slash; a value that is not a usable http(s) URL is an
 * {@link IllegalArgumentException} whose message names the setting or the variable.
 */
final class StsEndpoint {
    static final String ENDPOINT_VARIABLE = "ALIBABA_CLOUD_STS_ENDPOINT";
    static final String REGION_VARIABLE = "ALIBABA_CLOUD_STS_REGION";
    static final String VPC_VARIABLE = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED";

    private StsEndpoint() {
    }

    /**
     * @param setting the {@code stsEndpoint} setting, or null
     * @param environment reads the variables (trimmed, empty as unset)
     * @param region a profile's STS region, or null to use the variable
     * @param vpc a profile's {@code enable_vpc}, or null to use the variable
     */
    static URI resolve(String setting, Environment environment, String region, Boolean vpc) {
        if (setting != null && !setting.trim().isEmpty()) {
            return url(setting.trim(), "stsEndpoint", false);
        }
        String variable = environment.get(ENDPOINT_VARIABLE);
        if (variable != null) {
            return url(variable, ENDPOINT_VARIABLE, true);
        }
        String override = CredentialsChain.stsEndpointOverride();
        if (override != null && !override.trim().isEmpty()) {
            return url(override.trim(), "system property " + CredentialsChain.STS_DEFAULT_PROPERTY, false);
        }
        String regionId = region != null && !region.trim().isEmpty() ? region.trim() : environment.get(REGION_VARIABLE);
        if (regionId == null) {
            return URI.create("https://sts.aliyuncs.com");
        }
        boolean inVpc = vpc != null ? vpc : environment.flag(VPC_VARIABLE);
        return url("https://" + (inVpc ? "sts-vpc." : "sts.") + regionId.toLowerCase(Locale.ROOT) + ".aliyuncs.com",
                region != null ? "sts_region" : REGION_VARIABLE, false);
    }

    /** {@code text} as an http(s) base URL, or an IllegalArgumentException naming {@code origin}. */
    static URI url(String text, String origin, boolean hostAllowed) {
        String full = hostAllowed && !text.contains("://") ? "https://" + text : text;
        URI uri;
        try {
            uri = new URI(full);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(origin + ": '" + text + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(origin + ": '" + text + "' is not an http(s) URL with a host"
                    + (hostAllowed ? "" : " (the scheme included, e.g. https://host)"));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(origin + ": '" + CredentialsHttp.safe(uri)
                    + "...' must not carry user info, a query or a fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }
}
