package io.github.appendlog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GzipMembersTest {

    static byte[] members(String... texts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String t : texts) {
            all.write(CliFixture.gzip(t));
        }
        return all.toByteArray();
    }

    @Test
    void membersFedOneByteAtATimeAreDecompressedWhole() throws IOException {
        byte[] gz = members("alpha\n", "beta\ngamma\n", "");
        GzipMembers g = new GzipMembers(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int firstEnds = CliFixture.gzip("alpha\n").length;
        for (int i = 0; i < gz.length; i++) {
            g.feed(gz, i, 1, out);
            if (i == firstEnds - 2) {
                assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing before the trailer is in");
                assertFalse(g.atMemberBoundary());
            }
            if (i == firstEnds - 1) {
                assertEquals("alpha\n", out.toString(StandardCharsets.UTF_8));
                assertTrue(g.atMemberBoundary());
            }
        }
        assertEquals("alpha\nbeta\ngamma\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(3, g.members());
        assertTrue(g.atMemberBoundary());
    }

    @Test
    void headerFieldsAreSkipped() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] plain = CliFixture.gzip("named\n");
        raw.write(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16, 0, 0, 0, 0, 0, 3}); // FEXTRA, FNAME, FCOMMENT
        raw.write(new byte[] {2, 0, 'x', 'y'});
        raw.write("app.log\0a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        raw.write(plain, 10, plain.length - 10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GzipMembers(true).feed(raw.toByteArray(), 0, raw.size(), out);
        assertEquals("named\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWrongCrcIsAnError() throws IOException {
        byte[] gz = CliFixture.gzip("text\n");
        gz[gz.length - 8] ^= 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IOException e = assertThrows(IOException.class, () -> new GzipMembers(true).feed(gz, 0, gz.length, out));
        assertTrue(e.getMessage().contains("CRC-32"), e.getMessage());
        assertEquals(0, out.size(), "a member that fails its check is not printed");
    }

    @Test
    void bytesThatAreNotAMemberAreAnError() throws IOException {
        byte[] gz = members("ok\n");
        byte[] bad = java.util.Arrays.copyOf(gz, gz.length + 4);
        System.arraycopy("text".getBytes(StandardCharsets.US_ASCII), 0, bad, gz.length, 4);
        IOException e = assertThrows(IOException.class,
                () -> new GzipMembers(false).feed(bad, 0, bad.length, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("at " + gz.length + " are not a gzip member"), e.getMessage());
    }

    @Test
    void objectTextPassesPlainBytesThrough() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ObjectText text = new ObjectText(out, true);
        text.feed(new byte[] {'a'});
        text.feed("bc\n".getBytes(StandardCharsets.UTF_8));
        text.end();
        assertFalse(text.gzip());
        assertEquals("abc\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void objectTextDetectsGzipByItsMagicBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ObjectText text = new ObjectText(out, true);
        byte[] gz = members("one\n", "two\n");
        text.feed(gz, 0, 1);
        text.feed(gz, 1, gz.length - 1);
        text.end();
        assertTrue(text.gzip());
        assertEquals("one\ntwo\n", out.toString(StandardCharsets.UTF_8));
    }
}
