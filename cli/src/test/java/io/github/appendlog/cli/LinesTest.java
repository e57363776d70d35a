package io.github.appendlog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LinesTest {
    static void write(Lines lines, String text) throws IOException {
        lines.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsTheLastLinesThenPrintsEachLineWhenComplete() throws IOException {
        Lines lines = new Lines(2);
        write(lines, "a\nb\nc\npar");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.release(out, false);
        assertEquals("b\nc\n", out.toString(StandardCharsets.UTF_8));
        write(lines, "tial\nne");
        assertEquals("b\nc\npartial\n", out.toString(StandardCharsets.UTF_8));
        write(lines, "xt");
        lines.endOfObject();
        assertEquals("b\nc\npartial\nnext\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void zeroLinesPrintsOnlyWhatComesLater() throws IOException {
        Lines lines = new Lines(0);
        write(lines, "a\nb\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.release(out, true);
        write(lines, "c\n");
        assertEquals("c\n", out.toString(StandardCharsets.UTF_8));
    }
}
