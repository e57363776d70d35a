package io.github.appendlog.log4j2;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.emulator.OssEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HttpClient's loggers at TRACE, through SLF4J into the application's default Log4j2 context, into an
 * appender other than ours, while the appender sends STS-signed appends: HttpClient does log the append
 * requests at DEBUG on the sender thread, but no event shows the security token, the access key
 * secret, or an {@code Authorization} / {@code x-oss-security-token} header.
 */
class NoSecretsInClientLoggingTest {
    private static final String ACCESS_KEY_ID = "STS.sts-id";
    private static final String SECRET = "sts-secret-H3jK5lP0";
    private static final String TOKEN = "sts-token-Z6cV2bT9-never-logged";
    private static final int LINES = 50;

    private final OssEmulator emu = OssEmulator.builder().port(0).bucket("logs")
            .credentials(ACCESS_KEY_ID, SECRET, TOKEN).start();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    @AfterEach
    void quiet() throws Exception {
        context.setConfigLocation(TestContexts.resource("log4j2-test.xml"));
        emu.close();
    }

    @Test
    void clientLoggingAtTraceShowsNoSignatureTokenOrSecret() throws Exception {
        System.setProperty("appendlog.it.sts.endpoint", emu.endpoint());
        System.setProperty("appendlog.it.sts.region", emu.region());
        System.setProperty("appendlog.it.sts.accessKeyId", ACCESS_KEY_ID);
        System.setProperty("appendlog.it.sts.accessKeySecret", SECRET);
        System.setProperty("appendlog.it.sts.securityToken", TOKEN);
        List<CaptureAppender.Captured> captured = CaptureAppender.events("ClientSecrets");
        captured.clear();
        context.setConfigLocation(TestContexts.resource("client-secrets.xml"));

        Logger log = LogManager.getLogger("app.secrets");
        for (int n = 0; n < LINES; n++) {
            log.info("line {}", n);
        }
        // The emulator checks the STS signature and token: stored lines prove signed requests were sent.
        await().atMost(Duration.ofSeconds(20)).until(() -> lines() >= LINES);
        context.setConfigLocation(TestContexts.resource("log4j2-test.xml")); // stops the appender

        List<CaptureAppender.Captured> events = List.copyOf(captured);
        assertTrue(events.stream().anyMatch(e -> e.level == Level.DEBUG && e.thread.startsWith("appendlog-")
                && e.message.contains("?append&position=")),
                () -> "HttpClient logged the appends at DEBUG on the sender thread: " + events.size() + " events");
        List<String> leaks = events.stream().filter(e -> e.texts.stream().anyMatch(NoSecretsInClientLoggingTest::leaks))
                .map(e -> e.logger + ": " + e.texts.stream().filter(NoSecretsInClientLoggingTest::leaks)
                        .collect(Collectors.joining(" | ")))
                .collect(Collectors.toList());
        assertTrue(leaks.isEmpty(), () -> leaks.size() + " leaking events, e.g. "
                + leaks.subList(0, Math.min(5, leaks.size())));
        assertEquals(LINES, lines());
    }

    private long lines() {
        byte[] bytes = emu.objectBytes("logs", "secrets/app.log");
        return bytes == null ? 0 : LoggedEvents.parse(new String(bytes, StandardCharsets.UTF_8)).size();
    }

    private static boolean leaks(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return text.contains(TOKEN) || text.contains(SECRET) || lower.contains("authorization:")
                || lower.contains("x-oss-security-token") || lower.contains("signature=");
    }
}
