package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.spi.MDCAdapter;

/** Tens of thousands of lines from several threads land exactly once, whole, in each thread's order. */
@Timeout(120)
class ConcurrentDeliveryTest {
    private static final int WORKERS = 4;
    private static final int LINES_PER_WORKER = 10_000;
    private static final int EXCEPTION_EVERY = 500;
    private static final Pattern EVENT = Pattern.compile(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[worker-(\\d)] (INFO |WARN |ERROR) app\\.worker - (\\d) (\\d+) line w(\\d) n=(\\d+) end");
    private static final Pattern STACK_TRACE = Pattern.compile(
            "(java\\.lang\\.IllegalStateException: boom w\\d n=\\d+|Caused by: java\\.io\\.IOException: root cause"
                    + "|\\tat .+|\\t\\.\\.\\. \\d+ common frames omitted)");

    private final EmulatedStore store = new EmulatedStore();

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void everyLineLandsOnceWholeAndInOrder() throws Exception {
        LoggerContext context = XmlContext.load("logback-delivery.xml", store.properties("delivery/app.log"));
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            Thread thread = new Thread(() -> logLines(context, worker), "worker-" + w);
            workers.add(thread);
            thread.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        context.stop();

        assertTrue(XmlContext.statusMessages(context, Status.ERROR).isEmpty(),
                () -> XmlContext.statusMessages(context, Status.ERROR).toString());
        int[] next = new int[WORKERS];
        int exceptions = 0;
        for (String line : store.lines("delivery/")) {
            Matcher m = EVENT.matcher(line);
            if (m.matches()) {
                int worker = Integer.parseInt(m.group(1));
                int n = Integer.parseInt(m.group(6));
                assertEquals(next[worker], n, () -> "out of order or repeated: " + line);
                assertEquals(String.valueOf(worker), m.group(3), line); // MDC worker
                assertEquals(String.valueOf(n), m.group(4), line); // MDC seq
                assertEquals(String.valueOf(worker), m.group(5), line);
                next[worker]++;
            } else {
                assertTrue(STACK_TRACE.matcher(line).matches(), () -> "torn or foreign line: " + line);
                if (line.startsWith("java.lang.IllegalStateException")) {
                    exceptions++;
                }
            }
        }
        for (int w = 0; w < WORKERS; w++) {
            assertEquals(LINES_PER_WORKER, next[w], "lines of worker " + w);
        }
        assertEquals(WORKERS * LINES_PER_WORKER / EXCEPTION_EVERY, exceptions);
    }

    private static void logLines(LoggerContext context, int worker) {
        Logger log = context.getLogger("app.worker");
        MDCAdapter mdc = context.getMDCAdapter();
        mdc.put("worker", String.valueOf(worker));
        for (int n = 0; n < LINES_PER_WORKER; n++) {
            mdc.put("seq", String.valueOf(n));
            if (n % EXCEPTION_EVERY == 0) {
                log.error("line w{} n={} end", worker, n,
                        new IllegalStateException("boom w" + worker + " n=" + n, new IOException("root cause")));
            } else if (n % 100 == 0) {
                log.warn("line w{} n={} end", worker, n);
            } else {
                log.info("line w{} n={} end", worker, n);
            }
        }
        mdc.clear();
    }
}
