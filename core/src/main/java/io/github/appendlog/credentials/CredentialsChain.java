package io.github.appendlog.credentials;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Finds where an appender's credentials come from: the first source that applies, in this order
 * (the README's "Credentials" section lists it too):
 * <ol>
 *   <li>the settings: {@code credentialsProvider} (a class of the user's); {@code accessKeyId},
 *       {@code accessKeySecret} and {@code securityToken}; {@code credentialsFile};
 *   <li>{@code OSS_ACCESS_KEY_ID}, {@code OSS_ACCESS_KEY_SECRET}, {@code OSS_SESSION_TOKEN};
 *   <li>{@code ALIBABA_CLOUD_ACCESS_KEY_ID}, {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET},
 *       {@code ALIBABA_CLOUD_SECURITY_TOKEN};
 *   <li>RRSA/OIDC, when {@code ALIBABA_CLOUD_ROLE_ARN}, {@code ALIBABA_CLOUD_OIDC_PROVIDER_ARN} and
 *       {@code ALIBABA_CLOUD_OIDC_TOKEN_FILE} are all set;
 *   <li>the profile files {@code ~/.oss/credentials}, {@code ~/.aliyun/config.json} and
 *       {@code ~/.alibabacloud/credentials.ini} (or {@code ALIBABA_CLOUD_CREDENTIALS_FILE});
 *   <li>the ECS instance's RAM role, unless {@code ALIBABA_CLOUD_ECS_METADATA_DISABLED=true}, when a
 *       metadata service answers at {@code ecsMetadataEndpoint};
 *   <li>{@code ALIBABA_CLOUD_CREDENTIALS_URI}.
 * </ol>
 * Resolving reads settings, variables and files and sends nothing but the metadata probe (at most
 * about 1 s when nothing answers), and only when nothing before it applies: the sources fetch later,
 * when asked. A half-configured source (a key id without its secret, some of the OIDC variables, a
 * broken profile) is a problem, not a reason to look further. Problems name the setting, variable or
 * file, never a secret. The source returned owns the chain's HTTP client: close it when done.
 */
public final class CredentialsChain {
    /**
     * The system properties that replace the built-in defaults of {@code ecsMetadataEndpoint} and of
     * the STS endpoint. The project's test build sets them to loopback addresses, so that no test can
     * reach the real metadata service or STS whatever the chain tries.
     */
    public static final String ECS_METADATA_DEFAULT_PROPERTY = "appendlog.defaults.ecsMetadataEndpoint";
    public static final String STS_DEFAULT_PROPERTY = "appendlog.defaults.stsEndpoint";

    private final Builder settings;

    private CredentialsChain(Builder settings) {
        this.settings = settings;
    }

    /** {@code http://100.100.100.200}, unless {@link #ECS_METADATA_DEFAULT_PROPERTY} says otherwise. */
    public static String defaultEcsMetadataEndpoint() {
        return System.getProperty(ECS_METADATA_DEFAULT_PROPERTY, "http://100.100.100.200");
    }

    /**
     * The STS endpoint to use when neither the {@code stsEndpoint} setting nor
     * {@code ALIBABA_CLOUD_STS_ENDPOINT} gives one: {@link #STS_DEFAULT_PROPERTY} when set (it then
     * replaces every derived STS host), else null (derive {@code sts[-vpc].<region>.aliyuncs.com}
     * or {@code sts.aliyuncs.com} from the environment).
     */
    public static String stsEndpointOverride() {
        return System.getProperty(STS_DEFAULT_PROPERTY);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What the chain reads; each setter takes the setting's value, null when unset. */
    public static final class Builder {
        String accessKeyId;
        String accessKeySecret;
        String securityToken;
        String credentialsFile;
        String credentialsProvider;
        String ecsMetadataEndpoint;
        String stsEndpoint;
        Map<String, String> environment = Collections.emptyMap();
        Path home = Paths.get(System.getProperty("user.home", "."));
        Clock clock = Clock.systemUTC();
        CredentialsHttp http;
        String proxy;

        private Builder() {
        }

        public Builder accessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
            return this;
        }

        public Builder accessKeySecret(String accessKeySecret) {
            this.accessKeySecret = accessKeySecret;
            return this;
        }

        public Builder securityToken(String securityToken) {
            this.securityToken = securityToken;
            return this;
        }

        public Builder credentialsFile(String credentialsFile) {
            this.credentialsFile = credentialsFile;
            return this;
        }

        /** A class implementing {@link CredentialsProvider}, built with its no-arg constructor. */
        public Builder credentialsProvider(String className) {
            this.credentialsProvider = className;
            return this;
        }

        /** The instance-metadata service's base URL (scheme included). */
        public Builder ecsMetadataEndpoint(String url) {
            this.ecsMetadataEndpoint = url;
            return this;
        }

        /** The STS URL (scheme included); null to derive it from the environment. */
        public Builder stsEndpoint(String url) {
            this.stsEndpoint = url;
            return this;
        }

        /** The environment variables to read (the process's by default in the config builder). */
        public Builder environment(Map<String, String> environment) {
            this.environment = environment;
            return this;
        }

        /** The home directory the profile files are found under. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** For tests: the clock the sources stamp requests and check expiries with. */
        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The {@code proxy} setting: null for the JVM's proxy settings, {@code none}, or {@code http://host:port}. */
        public Builder proxy(String proxy) {
            this.proxy = proxy;
            return this;
        }

        /** For tests: the HTTP client the network sources share (by default a new one per resolve). */
        Builder http(CredentialsHttp http) {
            this.http = http;
            return this;
        }

        public CredentialsChain build() {
            return new CredentialsChain(this);
        }
    }

    /**
     * The first source that applies.
     *
     * @param problems where to add what prevents one (settings that are missing or wrong, a file
     *        that cannot be read, nothing found), naming the setting, variable or file and never a value
     * @return the source, or null after adding to {@code problems}
     */
    public CredentialsSource resolve(List<String> problems) {
        Environment environment = new Environment(settings.environment);
        String ecs = text(settings.ecsMetadataEndpoint) != null ? text(settings.ecsMetadataEndpoint)
                : defaultEcsMetadataEndpoint();
        CredentialsHttp http = settings.http != null ? settings.http
                : new CredentialsHttp(uri -> { }, text(settings.proxy), hostOf(ecs));
        NetworkSources sources = new NetworkSources(environment, text(settings.stsEndpoint), ecs, http, settings.clock);
        CredentialsSource source = null;
        try {
            source = new ChainSteps(settings, sources, settings.home).first();
        } catch (ChainSteps.Problem problem) {
            problems.add(problem.getMessage());
        }
        if (source == null) {
            http.close();
        }
        return source;
    }

    private static String hostOf(String url) {
        try {
            return new URI(url).getHost();
        } catch (URISyntaxException e) {
            return null; // reported by the source that uses it
        }
    }

    static String text(String value) {
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }
}
