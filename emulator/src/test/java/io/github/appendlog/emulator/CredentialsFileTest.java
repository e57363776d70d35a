package io.github.appendlog.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.oss.sign.OssV4Signer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path NAME = Path.of("keys.txt");

    @TempDir
    Path dir;

    private static SignedClient client(OssEmulator emu, String id, String secret, String token) {
        return new SignedClient(emu.endpoint(), "logs", new Credentials(id, secret, token),
                new OssV4Signer(emu.region()), HTTP);
    }

    /** Replaces the file as a rotating script should: a new file renamed over the old one. */
    private void rewrite(Path file, String text) throws Exception {
        Path next = Files.writeString(dir.resolve("next.tmp"), text);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void parsesIdSecretTokenAndExpirySkippingCommentsAndBlankLines() {
        Map<String, Credentials> keys = CredentialsFile.parse(NAME, List.of("# keys for the test", "",
                "  plain   plain-secret ", "STS.a\ta-secret a-token", "STS.b b-secret b-token 2026-01-02T03:04:05Z"));
        assertEquals(List.of("plain", "STS.a", "STS.b"), List.copyOf(keys.keySet()));
        assertEquals("plain-secret", keys.get("plain").accessKeySecret());
        assertNull(keys.get("plain").securityToken());
        assertEquals("a-token", keys.get("STS.a").securityToken());
        assertNull(keys.get("STS.a").expiration());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), keys.get("STS.b").expiration());
    }

    @Test
    void aBadLineNamesTheFileAndTheLineButNoSecret() {
        IllegalArgumentException fields = assertThrows(IllegalArgumentException.class,
                () -> CredentialsFile.parse(NAME, List.of("# c", "only-an-id")));
        assertEquals("credentials file keys.txt line 2: expected 'id secret [token [expires-at]]', found 1 fields",
                fields.getMessage());
        IllegalArgumentException time = assertThrows(IllegalArgumentException.class,
                () -> CredentialsFile.parse(NAME, List.of("id the-secret the-token tomorrow")));
        assertTrue(time.getMessage().startsWith("credentials file keys.txt line 1: expires-at 'tomorrow'"),
                time.getMessage());
        assertFalse(time.getMessage().contains("the-secret") || time.getMessage().contains("the-token"));
        assertThrows(IllegalArgumentException.class, () -> CredentialsFile.parse(NAME, List.of("a b c d e")));
    }

    @Test
    void theEmulatorFollowsTheFileAsAScriptRotatesKeys() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.txt"), "STS.one one-secret one-token\n");
        try (OssEmulator emu = OssEmulator.builder().bucket("logs").credentialsFile(file).start()) {
            SignedClient one = client(emu, "STS.one", "one-secret", "one-token");
            assertEquals(200, one.append("k", 0, "1").statusCode());

            rewrite(file, "# rotated\nSTS.two two-secret two-token " + Instant.now().plusSeconds(600) + "\n");
            SignedClient two = client(emu, "STS.two", "two-secret", "two-token");
            assertEquals(200, two.append("k", 1, "2").statusCode());
            assertTrue(SignedClient.text(one.append("k", 2, "x")).contains("<Code>InvalidAccessKeyId</Code>"));

            rewrite(file, "STS.two two-secret two-token " + Instant.now().minusSeconds(1) + "\n");
            assertTrue(SignedClient.text(two.append("k", 2, "x")).contains("<Code>SecurityTokenExpired</Code>"));
        }
    }

    @Test
    void aBrokenRewriteKeepsThePreviousKeysAndIsReportedOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.txt"), "id secret\n");
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (OssEmulator emu = OssEmulator.builder().bucket("logs").credentialsFile(file).start()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            rewrite(file, "id secret token not-a-time\n");
            SignedClient c = client(emu, "id", "secret", null);
            assertEquals(200, c.append("k", 0, "1").statusCode());
            assertEquals(200, c.append("k", 1, "2").statusCode());
        } finally {
            System.setErr(stderr);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("appendlog emulator: credentials file " + file + " line 1: expires-at"),
                printed);
        assertTrue(printed.endsWith("; the previous keys stay in force" + System.lineSeparator()), printed);
        assertEquals(1, printed.lines().count(), printed);
    }

    @Test
    void aBadFileAtStartStopsTheBuilderNamingTheSetting() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.txt"), "lonely\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OssEmulator.builder().bucket("logs").credentialsFile(file).start());
        assertTrue(e.getMessage().contains("credentialsFile: credentials file " + file + " line 1"), e.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> OssEmulator.builder().bucket("logs").credentialsFile(dir.resolve("absent")).start());
        assertTrue(missing.getMessage().contains("cannot read the credentials file"), missing.getMessage());
    }
}
