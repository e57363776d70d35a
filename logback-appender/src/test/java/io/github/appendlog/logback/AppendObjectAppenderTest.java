package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** Configuration problems: reported by name, the appender stays stopped, the application runs on. */
class AppendObjectAppenderTest {
    private static final String SECRET = "do-not-show-this-secret";

    @Test
    void badSettingsAreEachReportedAndTheAppenderStaysStopped() throws Exception {
        LoggerContext context = XmlContext.load("logback-bad-settings.xml", Map.of("secret", SECRET));
        try {
            AppendObjectAppender oss = (AppendObjectAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("OSS");
            assertFalse(oss.isStarted());

            List<String> errors = XmlContext.statusMessages(context, Status.ERROR);
            assertTrue(hasError(errors, "[OSS]", "bucket: is required"), errors::toString);
            assertTrue(hasError(errors, "[OSS]", "flushInterval: 'soon'"), errors::toString);
            assertTrue(hasError(errors, "[OSS]", "maxBufferBytes: 'lots'"), errors::toString);
            assertTrue(hasError(errors, "[OSS]", "stays stopped"), errors::toString);

            context.getLogger("app").info("the application logs on");
            ListAppender<ILoggingEvent> list = listAppender(context, "LIST");
            assertEquals(1, list.list.size());
            assertEquals("the application logs on", list.list.get(0).getFormattedMessage());
            assertNoSecretAnywhere(context, oss);
        } finally {
            context.stop();
        }
    }

    @Test
    void missingEncoderIsAnError() throws Exception {
        LoggerContext context = XmlContext.load("logback-no-encoder.xml", Map.of("secret", SECRET));
        try {
            AppendObjectAppender oss = (AppendObjectAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("OSS");
            assertFalse(oss.isStarted());
            List<String> errors = XmlContext.statusMessages(context, Status.ERROR);
            assertTrue(hasError(errors, "[OSS]", "encoder: is required"), errors::toString);
            context.getLogger("app").info("no exception reaches the application");
        } finally {
            context.stop();
        }
    }

    @Test
    void credentialsFallBackToTheEnvironment() {
        LoggerContext context = new LoggerContext();
        AppendObjectAppender withoutEnvironment = appender(context, Map.of());
        withoutEnvironment.start();
        List<String> errors = XmlContext.statusMessages(context, Status.ERROR);
        assertTrue(hasError(errors, "[OSS]", "no credentials: set accessKeyId and accessKeySecret"), errors::toString);

        LoggerContext second = new LoggerContext();
        AppendObjectAppender withEnvironment = appender(second, Map.of(
                "OSS_ACCESS_KEY_ID", "env-id", "OSS_ACCESS_KEY_SECRET", SECRET, "OSS_SESSION_TOKEN", "env-token"));
        withEnvironment.start();
        List<String> secondErrors = XmlContext.statusMessages(second, Status.ERROR);
        assertTrue(hasError(secondErrors, "[OSS]", "bucket: is required"), secondErrors::toString);
        assertFalse(secondErrors.stream().anyMatch(e -> e.contains("accessKey")), secondErrors::toString);
        assertFalse(withEnvironment.isStarted());
        assertNoSecretAnywhere(second, withEnvironment);
    }

    @Test
    void aSmallBatchAloneStartsAndTheEventDefaultThatFollowsItIsAnInfo() {
        LoggerContext context = new LoggerContext();
        AppendObjectAppender appender = appender(context, Map.of(
                "OSS_ACCESS_KEY_ID", "env-id", "OSS_ACCESS_KEY_SECRET", SECRET));
        appender.setBucket("logs");
        appender.setMaxBatchBytes("32KB");
        appender.start();
        try {
            assertTrue(appender.isStarted(), () -> XmlContext.statusMessages(context, Status.ERROR).toString());
            List<String> infos = XmlContext.statusMessages(context, Status.INFO);
            assertTrue(infos.stream().anyMatch(i -> i.contains("[OSS]") && i.contains("maxEventBytes: 32768 bytes")
                    && i.contains("maxBatchBytes 32768")), infos::toString);
        } finally {
            appender.stop();
        }
    }

    /** No bucket, no credentials: start() must fail before it reaches the network. */
    private static AppendObjectAppender appender(LoggerContext context, Map<String, String> environment) {
        AppendObjectAppender appender = new AppendObjectAppender();
        appender.setContext(context);
        appender.setName("OSS");
        appender.setEndpoint("http://127.0.0.1:9");
        appender.setRegion("cn-hangzhou");
        appender.setObjectKey("env/app.log");
        appender.setEnvironment(environment);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setEncoder(encoder);
        return appender;
    }

    private static boolean hasError(List<String> errors, String appender, String text) {
        return errors.stream().anyMatch(e -> e.contains(appender) && e.contains(text));
    }

    private static void assertNoSecretAnywhere(LoggerContext context, AppendObjectAppender appender) {
        assertFalse(appender.toString().contains(SECRET));
        for (Status status : context.getStatusManager().getCopyOfStatusList()) {
            assertFalse(String.valueOf(status).contains(SECRET), status::toString);
        }
    }

    @SuppressWarnings("unchecked")
    private static ListAppender<ILoggingEvent> listAppender(LoggerContext context, String name) {
        return (ListAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(name);
    }
}
