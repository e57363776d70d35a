package io.github.appendlog.samples.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sample as its command runs it without OSS_ENDPOINT: in-process emulator, the real log4j2.xml. */
@Timeout(60)
class Log4j2SampleTest {

    @Test
    void logsIntoTheEmulatorAndPrintsTheObject() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String object = Log4j2Sample.run(Map.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(out.contains("OSS_ENDPOINT is not set"), out);
        assertTrue(out.matches("(?s).*object key : samples/log4j2/run-\\d{8}-\\d{6}\\.log\\R.*"), out);
        assertTrue(out.matches("(?s).*size       : [1-9]\\d{5,} bytes.*"), out);
        assertTrue(out.matches("(?s).*first line : .* INFO  .*Log4j2Sample - sample starting.*"), out);
        assertTrue(out.matches("(?s).*last line  : .*sample finished\\R?"), out);

        int threads = Log4j2Sample.THREADS;
        int perThread = Log4j2Sample.LINES_PER_THREAD;
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                Pattern line = Pattern.compile(" user=user-" + t + " order=user-" + t + "-" + i + " - order " + i + " ");
                Matcher m = line.matcher(object);
                assertTrue(m.find(), "user-" + t + " order " + i + " is in the object");
                assertTrue(!m.find(), "user-" + t + " order " + i + " is in the object once");
            }
        }
        assertEquals(threads * 3, count(object, "java.lang.IllegalStateException: payment declined"), "the stack traces");
        assertEquals(threads * 3, count(object, "Caused by: java.io.IOException: connection reset"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
