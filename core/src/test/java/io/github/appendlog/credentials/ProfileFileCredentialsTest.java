package io.github.appendlog.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFileCredentialsTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("credentials");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    @Test
    void readsTheDefaultProfile() throws Exception {
        Path file = write("# comment\n[other]\noss_access_key_id = no\noss_secret_access_key = no\n\n"
                + "[default]\n  oss_access_key_id = LTAIid  \n; another\noss_secret_access_key=s3cret\n"
                + "oss_session_token = tok\n");
        Credentials c = ProfileFileCredentials.load(file).credentials();
        assertEquals("LTAIid", c.accessKeyId());
        assertEquals("s3cret", c.accessKeySecret());
        assertEquals("tok", c.securityToken());
        Credentials other = ProfileFileCredentials.load(file, "other").credentials();
        assertEquals("no", other.accessKeyId());
        assertNull(other.securityToken());
    }

    @Test
    void problemsNameTheFileAndTheEntryButNoValue() throws Exception {
        IOException missing = assertThrows(IOException.class, () -> ProfileFileCredentials.load(dir.resolve("none")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Path noSecret = write("[default]\noss_access_key_id = LTAIid\n");
        IOException e = assertThrows(IOException.class, () -> ProfileFileCredentials.load(noSecret));
        assertTrue(e.getMessage().contains("oss_secret_access_key"), e.getMessage());
        Path noSection = write("[prod]\noss_access_key_id = a\noss_secret_access_key = topsecret\n");
        IOException s = assertThrows(IOException.class, () -> ProfileFileCredentials.load(noSection));
        assertTrue(s.getMessage().contains("[default]"), s.getMessage());
        assertFalse(s.getMessage().contains("topsecret"));
    }

    @Test
    void aChangedFileIsReadBeforeTheNextRequest() throws Exception {
        Path file = write("[default]\noss_access_key_id = old\noss_secret_access_key = old-secret\n");
        ProfileFileCredentials p = ProfileFileCredentials.load(file);
        assertEquals("old", p.credentials().accessKeyId());
        write("[default]\noss_access_key_id = new\noss_secret_access_key = new-secret-longer\n");
        assertEquals("new", p.credentials().accessKeyId());
        assertEquals("new-secret-longer", p.credentials().accessKeySecret());
    }

    @Test
    void refreshRereadsEvenWhenTimeAndSizeLookTheSame() throws Exception {
        Path file = write("[default]\noss_access_key_id = aaa\noss_secret_access_key = secret-1\n");
        FileTime time = Files.getLastModifiedTime(file);
        ProfileFileCredentials p = ProfileFileCredentials.load(file);
        write("[default]\noss_access_key_id = bbb\noss_secret_access_key = secret-2\n");
        Files.setLastModifiedTime(file, time);
        assertEquals("aaa", p.credentials().accessKeyId(), "same time and size: not read again");
        p.invalidate(); // the store refused the key: read again
        assertEquals("bbb", p.credentials().accessKeyId());
    }

    @Test
    void aBrokenRewriteKeepsTheLastGoodCredentials() throws Exception {
        Path file = write("[default]\noss_access_key_id = good\noss_secret_access_key = good-secret\n");
        ProfileFileCredentials p = ProfileFileCredentials.load(file);
        write("[default]\noss_access_key_id = half-writ");
        assertEquals("good", p.credentials().accessKeyId());
        p.invalidate();
        assertEquals("good", p.credentials().accessKeyId());
        Files.delete(file);
        assertEquals("good", p.credentials().accessKeyId());
    }

    @Test
    void toStringShowsNoSecret() throws Exception {
        Path file = write("[default]\noss_access_key_id = LTAIid\noss_secret_access_key = s3cret-value\n"
                + "oss_session_token = token-value\n");
        String text = ProfileFileCredentials.load(file).toString();
        assertTrue(text.contains("LTAIid"), text);
        assertFalse(text.contains("s3cret-value") || text.contains("token-value"), text);
    }
}
