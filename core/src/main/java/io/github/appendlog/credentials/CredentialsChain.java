package io.github.appendlog.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Finds where an appender's credentials come from: the first source in the documented order that
 * applies wins. Resolving reads settings, environment variables and files; it touches the network
 * only to probe the instance-metadata service, with short timeouts, and only when nothing before
 * it applies. Problems name the setting, variable or file, never a secret.
 *
 * <p>(First cut: explicit settings, {@code credentialsFile}, {@code OSS_*} variables and
 * {@code ~/.oss/credentials}. The rest of the chain follows.)
 */
public final class CredentialsChain {
    static final String OSS_ID = "OSS_ACCESS_KEY_ID";
    static final String OSS_SECRET = "OSS_ACCESS_KEY_SECRET";
    static final String OSS_TOKEN = "OSS_SESSION_TOKEN";

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

        public CredentialsChain build() {
            return new CredentialsChain(this);
        }
    }

    /**
     * The first source that applies.
     *
     * @param problems where to add what prevents one (settings that are missing or wrong, a file
     *        that cannot be read), naming the setting, variable or file and never a value
     * @return the source, or null after adding to {@code problems}
     */
    public CredentialsSource resolve(List<String> problems) {
        String id = settings.accessKeyId;
        String secret = settings.accessKeySecret;
        if (id == null || secret == null) {
            Path file = settings.credentialsFile != null ? Paths.get(settings.credentialsFile) : null;
            boolean fromEnvironment = variable(OSS_ID) != null || variable(OSS_SECRET) != null;
            Path defaultFile = settings.home.resolve(".oss").resolve("credentials");
            if (file == null && !fromEnvironment && Files.isRegularFile(defaultFile)) {
                file = defaultFile;
            }
            if (file != null) {
                try {
                    return CredentialsSource.of(ProfileFileCredentials.load(file), "profile file " + file);
                } catch (IOException e) {
                    problems.add("credentialsFile: " + e.getMessage());
                    return null;
                }
            }
        }
        String keyId = id != null ? id : variable(OSS_ID);
        String keySecret = secret != null ? secret : variable(OSS_SECRET);
        String token = settings.securityToken != null ? settings.securityToken : variable(OSS_TOKEN);
        if (keyId == null) {
            problems.add("accessKeyId: is required (set it, " + OSS_ID + " in the environment, or credentialsFile)");
        }
        if (keySecret == null) {
            problems.add("accessKeySecret: is required (set it, " + OSS_SECRET
                    + " in the environment, or credentialsFile)");
        }
        if (keyId == null || keySecret == null) {
            return null;
        }
        return CredentialsSource.of(new Credentials(keyId, keySecret, token),
                id != null ? "settings accessKeyId" : "environment " + OSS_ID);
    }

    private String variable(String name) {
        String value = settings.environment.get(name);
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }
}
