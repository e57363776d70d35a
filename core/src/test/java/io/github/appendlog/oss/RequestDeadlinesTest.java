package io.github.appendlog.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.junit.jupiter.api.Test;

class RequestDeadlinesTest {

    private final RequestDeadlines deadlines = new RequestDeadlines(Duration.ofMinutes(1), Executors.defaultThreadFactory());

    @Test
    void aRequestThatTheClosingClientBreaksEndsWithAnIoException() {
        // Closing the client shuts HttpClient's connection pool; a request caught between leasing and
        // releasing a connection then fails with IllegalStateException ("Connection pool shut down").
        // The caller must see the outcome every I/O failure has: unknown, retried by the normal path.
        IOException e = assertThrows(IOException.class, () -> deadlines.run(new HttpPost("http://127.0.0.1/k"),
                Long.MAX_VALUE, "append", () -> {
                    deadlines.close();
                    throw new IllegalStateException("Connection pool shut down");
                }));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals("Connection pool shut down", e.getCause().getMessage());
    }

    @Test
    void aRuntimeExceptionWhileTheClientIsOpenIsNotDisguised() {
        IllegalStateException bug = new IllegalStateException("a bug");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> deadlines.run(new HttpPost("http://127.0.0.1/k"), Long.MAX_VALUE, "append", () -> {
                    throw bug;
                }));
        assertSame(bug, thrown);
        deadlines.close();
    }
}
