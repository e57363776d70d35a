package io.github.appendlog.config;

import io.github.appendlog.oss.sign.Credentials;
import io.github.appendlog.oss.sign.CredentialsProvider;
import io.github.appendlog.oss.sign.ProfileFileCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Where an appender's credentials come from, in this order: {@code accessKeyId} and
 * {@code accessKeySecret} from the settings; else {@code credentialsFile} if set; else
 * {@code OSS_ACCESS_KEY_ID} / {@code OSS_ACCESS_KEY_SECRET} / {@code OSS_SESSION_TOKEN} from the
 * environment; else the default profile file ({@code ~/.oss/credentials}) if it exists. A key part
 * missing from the settings is taken from the environment. Problems name the setting and never
 * quote a secret.
 */
final class CredentialsLookup {
    static final String ID_VARIABLE = "OSS_ACCESS_KEY_ID";
    static final String SECRET_VARIABLE = "OSS_ACCESS_KEY_SECRET";
    static final String TOKEN_VARIABLE = "OSS_SESSION_TOKEN";

    private final Map<String, String> environment;
    private final Path defaultFile;

    CredentialsLookup(Map<String, String> environment, Path defaultFile) {
        this.environment = environment;
        this.defaultFile = defaultFile;
    }

    /** The provider, or null after adding the problems that prevent one. */
    CredentialsProvider find(String id, String secret, String token, String credentialsFile, List<String> problems) {
        if (id == null || secret == null) {
            Path file = credentialsFile != null ? Paths.get(credentialsFile) : null;
            boolean fromEnvironment = variable(ID_VARIABLE) != null || variable(SECRET_VARIABLE) != null;
            if (file == null && !fromEnvironment && defaultFile != null && Files.isRegularFile(defaultFile)) {
                file = defaultFile;
            }
            if (file != null) {
                try {
                    return ProfileFileCredentials.load(file);
                } catch (IOException e) {
                    problems.add(Setting.CREDENTIALS_FILE + ": " + e.getMessage());
                    return null;
                }
            }
        }
        String keyId = id != null ? id : variable(ID_VARIABLE);
        String keySecret = secret != null ? secret : variable(SECRET_VARIABLE);
        String securityToken = token != null ? token : variable(TOKEN_VARIABLE);
        if (keyId == null) {
            problems.add(Setting.ACCESS_KEY_ID + ": is required (set it, " + ID_VARIABLE
                    + " in the environment, or credentialsFile)");
        }
        if (keySecret == null) {
            problems.add(Setting.ACCESS_KEY_SECRET + ": is required (set it, " + SECRET_VARIABLE
                    + " in the environment, or credentialsFile)");
        }
        return keyId == null || keySecret == null
                ? null
                : CredentialsProvider.of(new Credentials(keyId, keySecret, securityToken));
    }

    private String variable(String name) {
        return ConfigValues.text(environment.get(name));
    }
}
