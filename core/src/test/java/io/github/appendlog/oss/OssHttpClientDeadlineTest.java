package io.github.appendlog.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.credentials.Credentials;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every request ends by its deadline, sending the body included. */
class OssHttpClientDeadlineTest {
    private static final Credentials CREDS = new Credentials("LTAI5tTestKeyId", "very-secret-value", null);
    private static final byte[] BIG = new byte[16 * 1024 * 1024];

    private static OssHttpClient client(String endpoint, Duration requestTimeout) throws IOException {
        return OssHttpClient.builder().endpoint(endpoint).bucket("logs").credentials(CREDS).v4("cn-hangzhou")
                .requestTimeout(requestTimeout).connectTimeout(Duration.ofSeconds(2)).build();
    }

    @Test
    void anUploadIntoAConnectionThatIsNeverReadEndsAtTheRequestTimeout() throws Exception {
        try (BlackHoleServer hole = new BlackHoleServer();
                OssHttpClient client = client(hole.endpoint(), Duration.ofMillis(500))) {
            IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(IOException.class, () -> client.append("k", 0, BIG, 0, BIG.length, true)));
            assertTrue(e.getMessage().contains("500"), e.getMessage());
            assertEquals(1, hole.connections());
        }
    }

    @Test
    void theCallersDeadlineEndsARequestBeforeTheRequestTimeout() throws Exception {
        try (BlackHoleServer hole = new BlackHoleServer();
                OssHttpClient client = client(hole.endpoint(), Duration.ofMinutes(5))) {
            long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
            assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(IOException.class,
                            () -> client.append("k", 0, BIG, 0, BIG.length, true, deadline)));
        }
    }

    @Test
    void closingTheClientEndsARequestInFlight() throws Exception {
        try (BlackHoleServer hole = new BlackHoleServer()) {
            OssHttpClient client = client(hole.endpoint(), Duration.ofMinutes(5));
            Thread closer = new Thread(() -> {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hole.connections() == 1);
                try {
                    client.close();
                } catch (IOException ignored) {
                    // the assertion below decides
                }
            });
            closer.start();
            assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> assertThrows(IOException.class, () -> client.append("k", 0, BIG, 0, BIG.length, true)));
            closer.join();
        }
    }

    @Test
    void aServerThatReadsAndNeverAnswersTimesOutToo() throws Exception {
        try (StubOssServer server = new StubOssServer().hang();
                OssHttpClient client = client(server.endpoint(), Duration.ofMillis(500))) {
            assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(IOException.class, () -> client.append("k", 0, new byte[10], 0, 10, true)));
            assertEquals(1, server.seen().size());
        }
    }
}
