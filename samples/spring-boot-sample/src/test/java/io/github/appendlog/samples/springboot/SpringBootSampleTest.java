package io.github.appendlog.samples.springboot;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.status.Status;
import io.github.appendlog.emulator.OssEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample as a user runs it, with the store down: Spring Boot starts (no ERROR status while it
 * configures logging: it would fail the start), the outage is a WARN, and once the store is up on
 * that port the lines logged meanwhile are in the object. No Logback shutdown hook is added next
 * to Spring Boot's.
 */
@Timeout(60)
class SpringBootSampleTest {
    private static final String BUCKET = "sample-logs";
    private static final String KEY_ID = "sample-id";
    private static final String KEY_SECRET = "sample-secret";

    @TempDir
    Path dir;

    @Test
    void startsWithTheStoreDownAndDeliversOnceItIsUp() throws Exception {
        int port = freePort();
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials,
                "[default]\noss_access_key_id = " + KEY_ID + "\noss_secret_access_key = " + KEY_SECRET + "\n");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(SpringBootSample.class)
                .web(WebApplicationType.NONE)
                .run("--appendlog.endpoint=http://127.0.0.1:" + port, "--appendlog.bucket=" + BUCKET,
                        "--appendlog.object-key=logs/boot/app-%i.log", "--appendlog.credentials-file=" + credentials,
                        "--appendlog.retry-max-delay=500 ms"); // as a user passes them on the command line
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        OssEmulator store = null;
        try {
            assertTrue(app.isRunning(), "Spring Boot started with the store down");
            await().atMost(Duration.ofSeconds(15)).until(() -> !statuses(logging, Status.WARN, "cannot append").isEmpty());
            assertEquals(List.of(), statuses(logging, Status.ERROR, ""), "an outage is no ERROR");
            assertNull(logging.getObject(CoreConstants.SHUTDOWN_HOOK_THREAD), "only Spring Boot's shutdown hook");
            assertTrue(logging.getStatusManager().getCopyOfStatusListenerList().stream()
                    .noneMatch(l -> l.getClass().getSimpleName().equals("ConsoleStatusPrinter")),
                    "Spring Boot's status listener prints the warnings; appendlog adds none");

            store = OssEmulator.builder().port(port).bucket(BUCKET).credentials(KEY_ID, KEY_SECRET).start();
            OssEmulator up = store;
            await().atMost(Duration.ofSeconds(20)).until(() -> text(up).contains("sample done after 20 lines"));
            String text = text(up);
            for (int n = 1; n <= 20; n++) {
                assertTrue(text.contains("order " + n + " processed\n"), text);
            }
            assertTrue(text.contains(" INFO ") && text.contains("SpringBootSample"), "Spring Boot's file pattern: " + text);
        } finally {
            app.close();
            logging.stop(); // what Spring Boot's shutdown hook does at exit, while the store is still up
            if (store != null) {
                store.close();
            }
        }
    }

    private static String text(OssEmulator store) {
        return store.objectKeys(BUCKET, "logs/boot/").stream().sorted()
                .map(k -> new String(store.objectBytes(BUCKET, k), StandardCharsets.UTF_8))
                .collect(Collectors.joining());
    }

    private static List<String> statuses(LoggerContext context, int level, String part) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == level && s.getMessage().contains(part))
                .map(Status::getMessage).collect(Collectors.toList());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
