package io.github.appendlog.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alibaba Cloud's shared credentials file, {@code ALIBABA_CLOUD_CREDENTIALS_FILE} or
 * {@code ~/.alibabacloud/credentials.ini}. The section is {@code [ALIBABA_CLOUD_PROFILE]}, else
 * {@code [default]}; one with {@code enable = false} is skipped. Its {@code type}:
 * {@code access_key} ({@code access_key_id}, {@code access_key_secret}), {@code ecs_ram_role}
 * ({@code role_name}, optional), {@code ram_role_arn} ({@code access_key_id},
 * {@code access_key_secret}, {@code role_arn}; optional {@code role_session_name}, {@code policy}),
 * {@code oidc_role_arn} ({@code role_arn}, {@code oidc_provider_arn}, {@code oidc_token_file_path};
 * optional {@code role_session_name}, {@code policy}). Any other type, a missing section or key is an
 * {@link IOException} naming the file, the section and the key, never a value.
 *
 * <p>Syntax as Alibaba Cloud's libraries read it: {@code #} and {@code ;} start a comment line, and
 * a comment after a value needs white space before it; a line starting with a TAB continues the
 * previous value (joined with a newline); names and values are trimmed; a repeated key's last value
 * wins; a repeated section adds to the first.
 */
final class CredentialsIniFile {
    static final String FILE_VARIABLE = "ALIBABA_CLOUD_CREDENTIALS_FILE";
    static final String TYPES = "access_key, ecs_ram_role, ram_role_arn, oidc_role_arn";

    private CredentialsIniFile() {
    }

    /** The file named by {@code ALIBABA_CLOUD_CREDENTIALS_FILE}, else the one under {@code home}. */
    static Path path(Environment environment, Path home) {
        String named = environment.get(FILE_VARIABLE);
        return named != null ? Paths.get(named) : home.resolve(".alibabacloud").resolve("credentials.ini");
    }

    /** The source the selected section describes, or null when it says {@code enable = false}. Sends nothing. */
    static CredentialsSource load(Path file, NetworkSources sources) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist");
        } catch (IOException e) {
            throw new IOException(file + " cannot be read: " + e.getClass().getSimpleName());
        }
        String name = sources.environment.get(CliConfigFile.PROFILE_VARIABLE);
        if (name == null) {
            name = "default";
        }
        Map<String, String> section = parse(lines).get(name);
        String where = "[" + name + "] in " + file;
        if (section == null) {
            throw new IOException(file + " has no [" + name + "] section"
                    + (sources.environment.has(CliConfigFile.PROFILE_VARIABLE) ? " (named by "
                            + CliConfigFile.PROFILE_VARIABLE + ")" : ""));
        }
        if ("false".equalsIgnoreCase(section.get("enable"))) {
            return null;
        }
        String type = required(section, "type", where + " (one of " + TYPES + ")");
        where = "[" + name + "] (" + type + ") in " + file;
        try {
            switch (type) {
                case "access_key":
                    return CredentialsSource.of(key(section, where), where);
                case "ecs_ram_role":
                    return sources.ecs(section.get("role_name"));
                case "ram_role_arn": {
                    Credentials key = key(section, where);
                    return sources.assumeRole(role(section, where, sources), CredentialsSource.of(key, where),
                            "key " + key.accessKeyId() + " of " + where, null, null);
                }
                case "oidc_role_arn":
                    return sources.oidc(role(section, where, sources), required(section, "oidc_provider_arn", where),
                            Paths.get(required(section, "oidc_token_file_path", where)),
                            "oidc_token_file_path of " + where, null, null);
                default:
                    throw new IOException(file + ": [" + name + "] has type '" + type
                            + "', which appendlog does not support (it reads " + TYPES + ")");
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage());
        }
    }

    private static Credentials key(Map<String, String> section, String where) throws IOException {
        return new Credentials(required(section, "access_key_id", where), required(section, "access_key_secret", where));
    }

    private static RoleRequest role(Map<String, String> section, String where, NetworkSources sources)
            throws IOException {
        return sources.role(required(section, "role_arn", where), section.get("role_session_name"), null,
                section.get("policy"), null);
    }

    private static String required(Map<String, String> section, String key, String where) throws IOException {
        String value = section.get(key);
        if (value == null || value.isEmpty()) {
            throw new IOException(where + ": " + key + " is missing or empty");
        }
        return value;
    }

    /** Sections by name, each its keys' trimmed values (see the class comment for the syntax). */
    static Map<String, Map<String, String>> parse(List<String> lines) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        for (String line : lines) {
            if (line.trim().isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.trim().startsWith("[")) {
                String header = cutComment(line, "#", ";").trim();
                String name = header.endsWith("]") ? header.substring(1, header.length() - 1).trim() : "";
                current = name.isEmpty() ? null : sections.computeIfAbsent(name, n -> new LinkedHashMap<>());
                lastKey = null;
            } else if (line.startsWith("\t")) {
                if (current != null && lastKey != null) {
                    current.put(lastKey, current.get(lastKey) + "\n" + line.trim());
                }
            } else if (current != null) {
                String property = cutComment(line, " #", " ;", "\t#", "\t;").trim();
                int eq = property.indexOf('=');
                String key = (eq < 0 ? property : property.substring(0, eq)).trim();
                if (!key.isEmpty()) {
                    current.put(key, eq < 0 ? "" : property.substring(eq + 1).trim());
                    lastKey = key;
                }
            }
        }
        return sections;
    }

    private static String cutComment(String line, String... markers) {
        int end = line.length();
        for (String marker : markers) {
            int at = line.indexOf(marker);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return line.substring(0, end);
    }
}
