package io.github.appendlog.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsIniFileTest {
    static final String SECRET = "ini-secret-value";

    @TempDir
    Path home;

    private Path write(String text) throws IOException {
        Path file = CredentialsIniFile.path(new Environment(Collections.emptyMap()), home);
        Files.createDirectories(file.getParent());
        return Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private CredentialsSource load(Map<String, String> env, String text) throws IOException {
        try (CredentialsHttp http = new CredentialsHttp()) {
            return CredentialsIniFile.load(write(text), new NetworkSources(new Environment(env), "http://127.0.0.1:9",
                    "http://127.0.0.1:9", http, EcsMetadataSourceTest.CLOCK));
        }
    }

    @Test
    void parsesAsAlibabaCloudsLibrariesDo() {
        Map<String, Map<String, String>> sections = CredentialsIniFile.parse(List.of(
                "# comment", "; another", "key_before_any_section = ignored", "[default]  # trailing",
                "type = access_key   # comment after white space", "access_key_id=id#kept", "policy = first",
                "\tcontinued", "access_key_id = last-wins", "  ", "[ other ]", "enable = false", "[]", "lost = yes",
                "[default]", "extra = added"));
        assertEquals(Map.of("type", "access_key", "access_key_id", "last-wins", "policy", "first\ncontinued",
                "extra", "added"), sections.get("default"));
        assertEquals(Map.of("enable", "false"), sections.get("other"));
        assertEquals(2, sections.size());
    }

    @Test
    void eachTypeMakesItsSource() throws IOException {
        Credentials key = load(Collections.emptyMap(), "[default]\ntype = access_key\naccess_key_id = LTAIini\n"
                + "access_key_secret = " + SECRET + "\n").fetch();
        assertEquals("LTAIini", key.accessKeyId());
        assertEquals(SECRET, key.accessKeySecret());
        CredentialsSource ecs = load(Map.of("ALIBABA_CLOUD_PROFILE", "vm"), "[default]\ntype = access_key\n"
                + "[vm]\ntype = ecs_ram_role\nrole_name = ini-role\n");
        assertEquals("ini-role", assertInstanceOf(EcsMetadataSource.class, ecs).role());
        CredentialsSource role = load(Collections.emptyMap(), "[default]\ntype = ram_role_arn\naccess_key_id = LTAIini\n"
                + "access_key_secret = " + SECRET + "\nrole_arn = acs:ram::1:role/ini\nrole_session_name = s1\n");
        assertTrue(role.describe().startsWith("RAM role acs:ram::1:role/ini assumed with key LTAIini of [default]"),
                role.describe());
        CredentialsSource oidc = load(Collections.emptyMap(), "[default]\ntype = oidc_role_arn\n"
                + "role_arn = acs:ram::1:role/o\noidc_provider_arn = p\noidc_token_file_path = /t\n");
        assertEquals("RRSA/OIDC role acs:ram::1:role/o", assertInstanceOf(OidcRoleSource.class, oidc).describe());
    }

    @Test
    void aDisabledSectionIsSkipped() throws IOException {
        assertNull(load(Collections.emptyMap(), "[default]\nenable = false\ntype = access_key\n"));
        assertInstanceOf(CredentialsSource.class, load(Collections.emptyMap(),
                "[default]\nenable = true\ntype = access_key\naccess_key_id = a\naccess_key_secret = b\n"));
    }

    @Test
    void problemsNameTheFileTheSectionAndTheKey() throws IOException {
        Path file = write("");
        IOException section = assertThrows(IOException.class,
                () -> load(Map.of("ALIBABA_CLOUD_PROFILE", "prod"), "[default]\ntype = access_key\n"));
        assertEquals(file + " has no [prod] section (named by ALIBABA_CLOUD_PROFILE)", section.getMessage());
        IOException type = assertThrows(IOException.class,
                () -> load(Collections.emptyMap(), "[default]\ntype = rsa_key_pair\npublic_key_id = x\n"));
        assertEquals(file + ": [default] has type 'rsa_key_pair', which appendlog does not support (it reads "
                + "access_key, ecs_ram_role, ram_role_arn, oidc_role_arn)", type.getMessage());
        IOException noType = assertThrows(IOException.class, () -> load(Collections.emptyMap(), "[default]\nx = 1\n"));
        assertTrue(noType.getMessage().endsWith("type is missing or empty"), noType.getMessage());
        IOException key = assertThrows(IOException.class, () -> load(Collections.emptyMap(),
                "[default]\ntype = ram_role_arn\naccess_key_id = a\naccess_key_secret = " + SECRET + "\n"));
        assertEquals("[default] (ram_role_arn) in " + file + ": role_arn is missing or empty", key.getMessage());
        assertFalse(key.getMessage().contains(SECRET));
    }

    @Test
    void theVariableNamesTheFile() {
        Path named = home.resolve("elsewhere.ini");
        assertEquals(named, CredentialsIniFile.path(new Environment(Map.of("ALIBABA_CLOUD_CREDENTIALS_FILE",
                named.toString())), home));
        assertEquals(home.resolve(".alibabacloud").resolve("credentials.ini"),
                CredentialsIniFile.path(new Environment(Collections.emptyMap()), home));
    }
}
