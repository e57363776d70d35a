package io.github.appendlog.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Alibaba Cloud CLI's profile file, {@code ~/.aliyun/config.json}:
 * {@code {"current":"<name>","profiles":[{"name":..,"mode":..,...}]}}. The profile is
 * {@code ALIBABA_CLOUD_PROFILE}, else the file's {@code current}. Modes: {@code AK}
 * ({@code access_key_id}, {@code access_key_secret}), {@code StsToken} (plus {@code sts_token}),
 * {@code RamRoleArn} (AssumeRole of {@code ram_role_arn} signed with the profile's key),
 * {@code ChainableRamRoleArn} (signed with what {@code source_profile} yields, resolved the same way;
 * a cycle is refused), {@code EcsRamRole} ({@code ram_role_name}, optional) and {@code OIDC}
 * ({@code ram_role_arn}, {@code oidc_provider_arn}, {@code oidc_token_file}). The role modes also read
 * {@code ram_session_name}, {@code expired_seconds}, {@code sts_region}, {@code enable_vpc},
 * {@code policy} and {@code external_id}. Any other mode, an unknown profile or a missing field is
 * an {@link IOException} naming the file, the profile and what is wrong, never a value.
 */
final class CliConfigFile {
    static final String PROFILE_VARIABLE = "ALIBABA_CLOUD_PROFILE";
    static final String DISABLED_VARIABLE = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED";
    static final String MODES = "AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC";

    private final Path file;
    private final Map<String, Map<String, Object>> profiles;
    private final NetworkSources sources;

    private CliConfigFile(Path file, Map<String, Map<String, Object>> profiles, NetworkSources sources) {
        this.file = file;
        this.profiles = profiles;
        this.sources = sources;
    }

    static Path path(Path home) {
        return home.resolve(".aliyun").resolve("config.json");
    }

    /** The source the selected profile of {@code file} describes. Sends nothing. */
    static CredentialsSource load(Path file, NetworkSources sources) throws IOException {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist");
        } catch (IOException e) {
            throw new IOException(file + " cannot be read: " + e.getClass().getSimpleName());
        }
        Map<String, Object> root = JsonReader.object(text, file.toString());
        Map<String, Map<String, Object>> profiles = new HashMap<>();
        if (root.get("profiles") instanceof List) {
            for (Object p : (List<?>) root.get("profiles")) {
                if (p instanceof Map && ((Map<?, ?>) p).get("name") instanceof String) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> profile = (Map<String, Object>) p;
                    profiles.put((String) profile.get("name"), profile);
                }
            }
        }
        String selected = sources.environment.get(PROFILE_VARIABLE);
        if (selected == null) {
            selected = root.get("current") instanceof String && !((String) root.get("current")).trim().isEmpty()
                    ? ((String) root.get("current")).trim() : null;
        }
        if (selected == null) {
            throw new IOException(file + " selects no profile: set " + PROFILE_VARIABLE + " or the file's \"current\"");
        }
        return new CliConfigFile(file, profiles, sources).source(selected, new ArrayList<>());
    }

    private CredentialsSource source(String name, List<String> path) throws IOException {
        if (path.contains(name)) {
            path.add(name);
            throw new IOException(file + ": the profiles " + String.join(" -> ", path)
                    + " form a cycle through source_profile");
        }
        Map<String, Object> profile = profiles.get(name);
        if (profile == null) {
            throw new IOException(file + " has no profile '" + name + "'"
                    + (path.isEmpty() ? " (named by " + (sources.environment.has(PROFILE_VARIABLE) ? PROFILE_VARIABLE
                            : "\"current\"") + ")" : " (the source_profile of '" + path.get(path.size() - 1) + "')"));
        }
        path.add(name);
        String mode = text(profile, "mode");
        String where = "profile '" + name + "' (" + mode + ") in " + file;
        if (mode == null) {
            throw new IOException(file + ": profile '" + name + "' has no mode (appendlog reads " + MODES + ")");
        }
        try {
            switch (mode) {
                case "AK":
                    return CredentialsSource.of(key(profile, where, null), where);
                case "StsToken":
                    return CredentialsSource.of(key(profile, where, required(profile, "sts_token", where)), where);
                case "RamRoleArn": {
                    Credentials key = key(profile, where, null);
                    return sources.assumeRole(role(profile, where), CredentialsSource.of(key, where),
                            "key " + key.accessKeyId() + " of " + where, text(profile, "sts_region"), vpc(profile));
                }
                case "ChainableRamRoleArn": {
                    CredentialsSource signer = source(required(profile, "source_profile", where), path);
                    return sources.assumeRole(role(profile, where), signer, null, text(profile, "sts_region"),
                            vpc(profile));
                }
                case "EcsRamRole":
                    return sources.ecs(text(profile, "ram_role_name"));
                case "OIDC":
                    return sources.oidc(role(profile, where), required(profile, "oidc_provider_arn", where),
                            Paths.get(required(profile, "oidc_token_file", where)), "oidc_token_file of " + where,
                            text(profile, "sts_region"), vpc(profile));
                default:
                    throw new IOException(file + ": profile '" + name + "' has mode '" + mode
                            + "', which appendlog does not support (it reads " + MODES
                            + "); choose another profile with " + PROFILE_VARIABLE);
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage());
        }
    }

    private static Credentials key(Map<String, Object> profile, String where, String token) throws IOException {
        return new Credentials(required(profile, "access_key_id", where), required(profile, "access_key_secret", where),
                token);
    }

    private RoleRequest role(Map<String, Object> profile, String where) throws IOException {
        Integer duration = null;
        Object seconds = profile.get("expired_seconds");
        if (seconds instanceof Number || seconds instanceof String && !((String) seconds).trim().isEmpty()) {
            try {
                long value = seconds instanceof Number ? ((Number) seconds).longValue()
                        : Long.parseLong(((String) seconds).trim());
                if (value != 0) { // the CLI writes 0 for "not set"
                    if (value < RoleRequest.MIN_DURATION_SECONDS || value > Integer.MAX_VALUE) {
                        throw new IOException(where + ": expired_seconds is " + value + "; STS takes "
                                + RoleRequest.MIN_DURATION_SECONDS + " or more");
                    }
                    duration = (int) value;
                }
            } catch (NumberFormatException e) {
                throw new IOException(where + ": expired_seconds is not a number");
            }
        }
        return sources.role(required(profile, "ram_role_arn", where), text(profile, "ram_session_name"), duration,
                text(profile, "policy"), text(profile, "external_id"));
    }

    private static Boolean vpc(Map<String, Object> profile) {
        Object value = profile.get("enable_vpc");
        return value instanceof Boolean ? (Boolean) value
                : value instanceof String ? Boolean.valueOf("true".equalsIgnoreCase(((String) value).trim())) : null;
    }

    private static String required(Map<String, Object> profile, String key, String where) throws IOException {
        String value = text(profile, key);
        if (value == null) {
            throw new IOException(where + ": " + key + " is missing or empty");
        }
        return value;
    }

    /** A string or number field, trimmed; null when absent or empty. */
    private static String text(Map<String, Object> profile, String key) {
        Object value = profile.get(key);
        if (value instanceof Number) {
            return value.toString();
        }
        return value instanceof String && !((String) value).trim().isEmpty() ? ((String) value).trim() : null;
    }
}
