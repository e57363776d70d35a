package io.github.appendlog.log4j2;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The appender on the root logger at TRACE, in the application's default context, while the
 * pipeline's own HTTP client logs through SLF4J into that same context: no recursion, no deadlock,
 * no growth, none of the client's lines in the object.
 */
class AppendObjectAppenderTraceRootTest {
    @RegisterExtension
    final TestStore store = new TestStore();

    @Test
    void theClientsOwnLoggingNeverFeedsTheAppender() throws Exception {
        TestStore.objectKey("trace/app.log");
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.setConfigLocation(TestContexts.resource("trace-root.xml"));
        List<CaptureAppender.Captured> clientLines = CaptureAppender.events("HttpClientLines");

        int threads = 3;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                Logger logger = LogManager.getLogger("it.trace");
                for (int i = 0; i < perThread; i++) {
                    logger.trace("t{} line {}", thread, i);
                }
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> done.stream().allMatch(Future::isDone));
        pool.shutdown();
        for (Future<?> f : done) {
            f.get();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> LoggedEvents.parse(store.text("trace/")).size() >= threads * perThread);
        assertTrue(clientLines.stream().anyMatch(c -> c.logger.startsWith("org.apache.hc")),
                "HttpClient's logging reached Log4j2");
        assertTrue(clientLines.stream().anyMatch(c -> c.thread.startsWith("appendlog-")),
                "... on the pipeline's own threads: " + clientLines.stream().limit(5).map(c -> c.thread).distinct()
                        .reduce("", (a, b) -> a + " " + b));

        assertTrue(context.stop(30, TimeUnit.SECONDS));
        List<LoggedEvents.Event> events = LoggedEvents.parse(store.text("trace/"));
        assertEquals(threads * perThread, events.size(), "exactly the application's lines: no growth");
        for (LoggedEvents.Event e : events) {
            assertEquals("it.trace", e.context, "only the application's logger");
            assertFalse(e.message.contains("http-outgoing") || e.message.contains("appendlog-conn-"), e.message);
        }
    }
}
