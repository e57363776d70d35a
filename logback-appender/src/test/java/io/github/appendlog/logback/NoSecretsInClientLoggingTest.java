package io.github.appendlog.logback;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.github.appendlog.emulator.OssEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * HttpClient's loggers at TRACE into another appender of the application while the appender sends
 * STS-signed appends over HTTPS: HttpClient does log the append requests at DEBUG on the appender's
 * sender thread, but no event shows the security token, the access key secret, or an
 * {@code Authorization} / {@code x-oss-security-token} header.
 */
@Timeout(60)
class NoSecretsInClientLoggingTest {
    private static final String ACCESS_KEY_ID = "STS.sts-id";
    private static final String SECRET = "sts-secret-Q7wX9zK2";
    private static final String TOKEN = "sts-token-M4pR8vN1-never-logged";
    private static final int LINES = 50;

    private final OssEmulator emu = OssEmulator.builder().port(0).https(true).bucket("logs")
            .credentials(ACCESS_KEY_ID, SECRET, TOKEN).start();
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void resetLogging() {
        context.reset();
        emu.close();
    }

    @Test
    void clientLoggingAtTraceShowsNoSignatureTokenOrSecret() throws Exception {
        XmlContext.reconfigure(context, "logback-client-secrets.xml", Map.of("endpoint", emu.endpoint(),
                "region", emu.region(), "bucket", "logs", "objectKey", "secrets/app.log",
                "accessKeyId", ACCESS_KEY_ID, "accessKeySecret", SECRET, "securityTokenSecret", TOKEN,
                "trustStore", emu.trustStore().toString(), "trustStorePassword", OssEmulator.TRUST_STORE_PASSWORD));
        TextCaptureAppender client = (TextCaptureAppender) context.getLogger("org.apache.hc").getAppender("CLIENT");
        assertTrue(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("OSS").isStarted());

        org.slf4j.Logger log = LoggerFactory.getLogger("app.secrets");
        for (int n = 0; n < LINES; n++) {
            log.info("line {}", n);
        }
        // The emulator checks the STS signature and token: stored lines prove signed requests were sent.
        await().atMost(Duration.ofSeconds(20)).until(() -> StoredText.lines(emu, "logs", "secrets/").size() >= LINES);
        context.reset(); // stops the appender: its last requests are logged before this returns

        List<TextCaptureAppender.Captured> events = client.events();
        assertTrue(events.stream().anyMatch(e -> e.level == Level.DEBUG && e.thread.startsWith("appendlog-")
                && e.texts.get(1).contains("?append&position=")),
                () -> "HttpClient logged the appends at DEBUG on the sender thread: " + events.size() + " events");
        List<String> leaks = events.stream().filter(e -> e.texts.stream().anyMatch(NoSecretsInClientLoggingTest::leaks))
                .map(e -> e.logger + ": " + e.texts.stream().filter(NoSecretsInClientLoggingTest::leaks)
                        .collect(Collectors.joining(" | ")))
                .collect(Collectors.toList());
        assertTrue(leaks.isEmpty(), () -> leaks.size() + " leaking events, e.g. "
                + leaks.subList(0, Math.min(5, leaks.size())));
        assertEquals(LINES, StoredText.lines(emu, "logs", "secrets/").size());
    }

    private static boolean leaks(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return text.contains(TOKEN) || text.contains(SECRET) || lower.contains("authorization:")
                || lower.contains("x-oss-security-token") || lower.contains("signature=");
    }
}
