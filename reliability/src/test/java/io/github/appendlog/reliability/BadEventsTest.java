package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Events that are hard to encode travel between numbered lines: a huge message, lone UTF-16
 * surrogates, control characters, a null message and a throwable whose causes form a cycle. None
 * breaks its batch or the object: the object is valid UTF-8 and every numbered line lands once.
 */
class BadEventsTest {

    @ParameterizedTest
    @EnumSource(Framework.class)
    void awkwardEventsBreakNeitherTheBatchNorTheObject(Framework fw) throws Exception {
        String prefix = "bad-events/" + fw + "/";
        try (Store store = Store.start()) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            settings.put("maxEventBytes", "64 KB");
            settings.put("maxBatchBytes", "256 KB");
            Workload work;
            long truncated;
            try (LoggingApp app = fw.start("OSS", settings)) {
                work = new Workload(app, "a", 1);
                for (int round = 0; round < 3; round++) {
                    work.logOne();
                    app.info("huge " + "x".repeat(300_000));
                    work.logOne();
                    app.info("lone high surrogate \uD800 and lone low \uDC00 and a pair \uD83D\uDE00 end");
                    work.logOne();
                    app.info("ends with a lone high surrogate \uDBFF");
                    work.logOne();
                    app.info("controls \u0000\u0001\u0007\u001b[31m red \u001b[0m\t\r\u000b\u000c\u007f\u0085\u2028 end");
                    work.logOne();
                    app.infoNull();
                    work.logOne();
                    RuntimeException a = new RuntimeException("cause A");
                    IllegalStateException b = new IllegalStateException("cause B", a);
                    a.initCause(b); // A -> B -> A
                    a.addSuppressed(b);
                    app.info("a throwable with cyclic causes", a);
                    work.logOne();
                    app.info("a throwable with a multi-line message", new IllegalArgumentException("line 1\nline 2\n"));
                    work.logOne();
                }
                app.stop();
                assertEquals(0, app.reportedDrops());
                assertEquals(0, app.reportedUnflushed());
                List<LoggingApp.Status> errors = app.errors("");
                assertTrue(errors.isEmpty(), "no errors: " + errors);
                truncated = 0;
                for (LoggingApp.Status st : app.containing("events longer than maxEventBytes")) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("truncated (\\d+) events").matcher(st.text);
                    assertTrue(m.find(), st.text);
                    truncated += Long.parseLong(m.group(1));
                }
            }
            byte[] bytes = store.bytes(prefix);
            String text = LineCheck.utf8(bytes); // fails on malformed UTF-8
            LineCheck check = LineCheck.of(text, work.expected());
            assertTrue(check.intact() && check.missing == 0, check.toString());
            // The huge messages, and stack traces longer than 8 KB, are cut: each cut event carries the marker.
            assertTrue(truncated >= 3, "the truncations are reported: " + truncated);
            assertEquals(truncated, text.split("\\[appendlog: truncated", -1).length - 1);
            assertTrue(text.contains("cause A") && text.contains("cause B"), "the cyclic throwable is there");
            assertTrue(text.contains("\uD83D\uDE00"), "a valid pair survives");
            for (String line : text.split("\n")) {
                assertTrue(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 64 * 1024,
                        "no event is longer than maxEventBytes: " + line.length());
            }
        }
    }
}
