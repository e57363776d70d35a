package io.github.appendlog.samples.logback;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sample as its command runs it without OSS_ENDPOINT: embedded emulator, real logback.xml. */
@Timeout(60)
class LogbackSampleTest {

    @Test
    void logsIntoTheEmbeddedEmulatorAndPrintsTheObject() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogbackSample.run(Map.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(out.contains("OSS_ENDPOINT is not set"), out);
        assertTrue(out.matches("(?s).*object: +http://127\\.0\\.0\\.1:\\d+ bucket sample-logs key logs/logback-sample/run-.*"), out);
        assertTrue(out.matches("(?s).*size: +[1-9]\\d{5,} bytes.*"), out); // a few thousand lines with stack traces
        assertTrue(out.matches("(?s).*first line: .* INFO  .*LogbackSample - \\[request= user=] sample starting.*"), out);
        assertTrue(out.matches("(?s).*last line: .*sample done\\R?"), out);
        assertTrue(!out.contains("WARN in") && !out.contains("ERROR in"), out);
        // What JMX shows of the appender while the application runs: every line handed over appended.
        assertTrue(out.contains("JMX io.github.appendlog:type=AppendObjectAppender,name=OSS"), out);
        assertTrue(out.matches("(?s).*EventsHandedOver = 3002\\R.*EventsAppended = 3002\\R.*"), out);
    }
}
