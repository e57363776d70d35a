package io.github.appendlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;

/** A bad configuration: each problem named in an ERROR status, the appender left out, logging goes on. */
class AppendObjectAppenderConfigTest {

    @Test
    void badSettingsAreReportedByNameAndTheRestOfTheConfigurationRuns() throws Exception {
        System.setProperty("appendlog.it.endpoint", "http://127.0.0.1:9");
        try (StatusCapture status = StatusCapture.open()) {
            LoggerContext context = TestContexts.context("bad-config.xml");
            try {
                List<String> errors = status.messages(Level.ERROR);
                assertReported(errors, "bucket");
                assertReported(errors, "maxBufferBytes");
                assertReported(errors, "overflowPolicy");
                assertEquals(3, errors.stream().filter(m -> m.contains("'Broken'")).count(),
                        "only the wrong settings are reported, absent ones keep their defaults: " + errors);
                for (String message : status.messages(Level.TRACE)) {
                    assertFalse(message.contains("Sup3rS3cretValue"), "the secret is never shown: " + message);
                    assertFalse(message.contains("Sts-Token-Value"), "the token is never shown: " + message);
                }
                assertNull(context.getConfiguration().getAppender("Broken"), "the broken appender is left out");

                context.getLogger("it.bad").info("still logging");
                List<CaptureAppender.Captured> still = CaptureAppender.events("Still");
                assertEquals(1, still.size(), "the other appender of the same logger still works");
                assertEquals("still logging", still.get(0).message);
            } finally {
                context.stop(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void assertReported(List<String> errors, String setting) {
        assertTrue(errors.stream().anyMatch(m -> m.contains("'Broken'") && m.contains(setting + ":")),
                "an ERROR naming the appender and " + setting + " among " + errors);
    }

    @Test
    void aSmallBatchAloneBuildsAndTheEventDefaultThatFollowsItIsAnInfo() {
        try (StatusCapture status = StatusCapture.open()) {
            AppendObjectAppender appender = AppendObjectAppender.newBuilder().setName("Small")
                    .setEndpoint("http://127.0.0.1:9").setRegion("cn-hangzhou").setBucket("logs")
                    .setObjectKey("small/app.log").setAccessKeyId("id").setAccessKeySecret("Sup3rS3cretValue")
                    .setMaxBatchBytes("32KB").build();
            assertNotNull(appender, status.messages(Level.ERROR).toString());
            appender.start();
            appender.stop(5, TimeUnit.SECONDS);
            List<String> infos = status.messages(Level.INFO);
            assertTrue(infos.stream().anyMatch(m -> m.contains("'Small'") && m.contains("maxEventBytes: 32768 bytes")
                    && m.contains("maxBatchBytes 32768")), infos.toString());
        }
    }

    @Test
    void builderReturnsNullAndNamesTheSettingWhenUsedFromCode() {
        try (StatusCapture status = StatusCapture.open()) {
            AppendObjectAppender appender = AppendObjectAppender.newBuilder().setName("Code")
                    .setEndpoint("http://127.0.0.1:9").setRegion("cn-hangzhou").setBucket("logs")
                    .setObjectKey("code/app.log").setAccessKeyId("id").setAccessKeySecret("Sup3rS3cretValue")
                    .setFlushInterval("soon").build();
            assertNull(appender);
            assertTrue(status.messages(Level.ERROR).stream()
                    .anyMatch(m -> m.contains("'Code'") && m.contains("flushInterval:")), status.messages(Level.ERROR).toString());
            assertFalse(status.messages(Level.TRACE).stream().anyMatch(m -> m.contains("Sup3rS3cretValue")));
        }
    }

    @Test
    void aWrongIncludeLocationIsNamedWithTheOtherProblemsAndNoAppenderIsBuilt() {
        try (StatusCapture status = StatusCapture.open()) {
            AppendObjectAppender appender = AppendObjectAppender.newBuilder().setIncludeLocation("sometimes")
                    .setName("Located").setEndpoint("http://127.0.0.1:9").setRegion("cn-hangzhou").setBucket("logs")
                    .setObjectKey("located/app.log").setAccessKeyId("id").setAccessKeySecret("Sup3rS3cretValue")
                    .setFlushInterval("soon").build();
            assertNull(appender);
            List<String> errors = status.messages(Level.ERROR);
            assertTrue(errors.stream().anyMatch(m -> m.contains("'Located'")
                    && m.contains("includeLocation: 'sometimes' is not true or false")), errors.toString());
            assertTrue(errors.stream().anyMatch(m -> m.contains("'Located'") && m.contains("flushInterval:")),
                    errors.toString());
        }
    }
}
