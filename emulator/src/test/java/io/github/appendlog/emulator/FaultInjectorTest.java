package io.github.appendlog.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
    private OssEmulator emu;
    private SignedClient client;

    @BeforeEach
    void start() {
        emu = OssEmulator.builder().bucket("logs").credentials("id", "secret").start();
        client = SignedClient.v4(emu, "logs", "id", "secret");
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void failNextFailsOnlyTheChosenOperationAndWearsOut() throws Exception {
        emu.faults().failNext(Operation.APPEND, 2, 500, "InternalError");
        assertEquals(404, client.head("k").statusCode(), "HEAD is not affected");
        HttpResponse<byte[]> r = client.append("k", 0, "x");
        assertEquals(500, r.statusCode());
        assertTrue(SignedClient.text(r).contains("<Code>InternalError</Code>"));
        assertTrue(r.headers().firstValue("x-oss-request-id").isPresent());
        assertEquals(500, client.append("k", 0, "x").statusCode());
        assertEquals(200, client.append("k", 0, "x").statusCode());
        assertEquals(0, emu.faults().activeRules());
        assertEquals(3, emu.requestCount(Operation.APPEND));
        assertEquals(4, emu.requestCount(Operation.ANY));
    }

    @Test
    void slowDownThrottlesAnyOperationWith503() throws Exception {
        emu.faults().slowDown(2);
        HttpResponse<byte[]> r = client.head("k");
        assertEquals(503, r.statusCode());
        assertTrue(SignedClient.text(r).isEmpty(), "HEAD replies have no body");
        HttpResponse<byte[]> a = client.append("k", 0, "x");
        assertEquals(503, a.statusCode());
        assertTrue(SignedClient.text(a).contains("<Code>SlowDown</Code>"));
        assertNull(emu.objectBytes("logs", "k"), "a throttled append is not applied");
        assertEquals(200, client.append("k", 0, "x").statusCode());
    }

    @Test
    void delayMakesTheClientTimeOutAfterTheAppendWasApplied() throws Exception {
        emu.faults().delayNext(Operation.APPEND, 1, Duration.ofSeconds(3));
        SignedClient impatient = SignedClient.v4(emu, "logs", "id", "secret").timeout(Duration.ofMillis(300));
        assertThrows(HttpTimeoutException.class, () -> impatient.append("k", 0, "late"));
        assertArrayEquals("late".getBytes(StandardCharsets.UTF_8), emu.objectBytes("logs", "k"));
        assertEquals(409, client.append("k", 0, "late").statusCode(), "a blind resend is refused");
    }

    @Test
    void applyThenDropAppliesButNeverAnswers() throws Exception {
        emu.faults().applyThenDrop(1);
        assertThrows(IOException.class, () -> client.append("k", 0, "landed"));
        assertArrayEquals("landed".getBytes(StandardCharsets.UTF_8), emu.objectBytes("logs", "k"));
        assertEquals(200, client.append("k", 6, "+more").statusCode());
    }

    @Test
    void resetBeforeApplyCutsTheConnectionAndAppliesNothing() throws Exception {
        emu.faults().resetBeforeApply(1);
        assertThrows(IOException.class, () -> client.append("k", 0, "lost"));
        assertNull(emu.objectBytes("logs", "k"));
        assertEquals(200, client.append("k", 0, "kept").statusCode());
    }

    @Test
    void clearRemovesEveryRule() throws Exception {
        emu.faults().failNext(Operation.ANY, 5, 500, "InternalError").delay(Operation.GET, Duration.ofSeconds(30));
        emu.faults().clear();
        assertEquals(200, client.append("k", 0, "x").statusCode());
        assertEquals(200, client.get("k", java.util.Map.of()).statusCode());
    }

    @Test
    void adminEndpointSetsFaultsAndReportsCounts() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(emu.endpoint()
                + "/_emulator/faults?action=fail&op=append&count=1&status=503&code=ServiceUnavailable"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, set.statusCode(), set.body());
        HttpResponse<byte[]> failed = client.append("k", 0, "x");
        assertEquals(503, failed.statusCode());
        assertTrue(SignedClient.text(failed).contains("<Code>ServiceUnavailable</Code>"));

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(emu.endpoint()
                + "/_emulator/faults?action=explode")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());

        http.send(HttpRequest.newBuilder(URI.create(emu.endpoint() + "/_emulator/faults?action=resetBeforeApply"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> cleared = http.send(HttpRequest.newBuilder(URI.create(emu.endpoint() + "/_emulator/faults"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, cleared.statusCode());
        assertEquals(200, client.append("k", 0, "x").statusCode());

        HttpResponse<String> stats = http.send(HttpRequest.newBuilder(URI.create(emu.endpoint() + "/_emulator/stats"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(stats.body().contains("APPEND 2\n"), stats.body());
        assertEquals(2, emu.requestCount(Operation.APPEND), "admin requests are not counted");
    }

    @Test
    void countsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> emu.faults().slowDown(0));
    }
}
