package io.github.appendlog.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.emulator.Operation;
import io.github.appendlog.pipeline.AppendPipeline;
import io.github.appendlog.status.StatusReporter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * tail -f while a writer appends numbered lines: every line printed exactly once and in order,
 * across rollovers to the next %i and to the next period, plain and gzip.
 */
class TailFollowTest {
    static final String PATTERN = "app/%d{yyyy-MM-dd}/host-%i.log";
    final CliFixture f;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-03-01T23:59:00Z"));
    Thread tail;

    TailFollowTest() throws Exception {
        f = new CliFixture();
    }

    @AfterEach
    void close() throws Exception {
        if (tail != null) {
            tail.interrupt();
            tail.join(10_000);
            assertFalse(tail.isAlive(), "tail -f ends when interrupted");
        }
        f.close();
    }

    CliFixture.Result follow(String... args) {
        CliFixture.Result r = new CliFixture.Result();
        String[] all = f.args(args).toArray(new String[0]);
        tail = new Thread(() -> r.code = new AppendlogCli(java.util.Collections.emptyMap(), now::get)
                .execute(all, r.outStream, r.errStream), "tail-f");
        tail.start();
        return r;
    }

    /** Writes lines first..last as batches of {@code perBatch} lines, each one append (one gzip member if gzip). */
    void write(String key, int first, int last, int perBatch, boolean gzip) throws Exception {
        for (int i = first; i <= last; ) {
            StringBuilder batch = new StringBuilder();
            for (int j = 0; j < perBatch && i <= last; j++, i++) {
                batch.append("line ").append(i).append('\n');
            }
            if (gzip) {
                f.append(key, CliFixture.gzip(batch.toString()));
            } else {
                f.append(key, batch.toString());
            }
        }
    }

    static List<String> expected(int first, int last) {
        List<String> lines = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            lines.add("line " + i);
        }
        return lines;
    }

    static List<String> lines(CliFixture.Result r) {
        String out = r.out();
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n", -1)) {
            lines.add(line);
        }
        lines.remove(lines.size() - 1); // after the last \n
        return lines;
    }

    void followsAcrossRollovers(boolean gzip) throws Exception {
        write("app/2025-03-01/host-0.log", 1, 30, 7, gzip);
        CliFixture.Result r = follow("tail", "-n", "5", "-f", "oss://logs/" + PATTERN);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines(r).size() == 5);
        assertEquals(expected(26, 30), lines(r), r.toString());
        write("app/2025-03-01/host-0.log", 31, 60, 3, gzip);
        write("app/2025-03-01/host-1.log", 61, 100, 9, gzip); // rollover to the next %i
        now.set(Instant.parse("2025-03-02T00:00:01Z"));
        write("app/2025-03-02/host-0.log", 101, 140, 11, gzip); // the next period
        await().atMost(Duration.ofSeconds(20)).until(() -> lines(r).size() >= 115);
        assertEquals(expected(26, 140), lines(r), r.toString());
        write("app/2025-03-02/host-0.log", 141, 150, 1, gzip); // and it keeps following
        await().atMost(Duration.ofSeconds(20)).until(() -> lines(r).size() >= 125);
        assertEquals(expected(26, 150), lines(r), r.toString());
        assertEquals("", r.err());
    }

    @Test
    void followsAPlainObjectAcrossRollovers() throws Exception {
        followsAcrossRollovers(false);
    }

    @Test
    void followsAGzipObjectAcrossRollovers() throws Exception {
        followsAcrossRollovers(true);
    }

    /** The appenders' own pipeline writes (gzip members when compressed) and rolls to the next %i. */
    void followsThePipelineAcrossRollovers(boolean gzip) throws Exception {
        String pattern = "pipe/host-%i.log" + (gzip ? ".gz" : "");
        CliFixture.Result r = new CliFixture.Result();
        String[] args = f.args("tail", "-f", "oss://logs/" + pattern).toArray(new String[0]);
        tail = new Thread(() -> r.code = new AppendlogCli(java.util.Collections.emptyMap(), Instant::now)
                .execute(args, r.outStream, r.errStream), "tail-f");
        tail.start();
        // Two listings: the first (no object yet) has surely been answered, so everything the
        // pipeline writes from now on is new to tail and must be printed.
        await().atMost(Duration.ofSeconds(10)).until(() -> f.emulator.requestCount(Operation.LIST) >= 2);
        AppendlogConfig config = AppendlogConfig.builder().name("tail-" + gzip).endpoint(f.emulator.endpoint())
                .region(f.emulator.region()).bucket("logs").objectKey(pattern).accessKeyId("test-id")
                .accessKeySecret("test-secret").compression(gzip ? "gzip" : "none").maxBatchBytes("1 KB")
                .maxEventBytes("256 bytes").maxObjectBytes("4 KB").flushInterval(Duration.ofMillis(10)).build();
        AppendPipeline pipeline = AppendPipeline.start(config, StatusReporter.NONE);
        int total = gzip ? 4000 : 1000; // gzip stores about a tenth: enough to fill several 4 KB objects
        try {
            for (int i = 1; i <= total; i++) {
                assertTrue(pipeline.offer(("line " + i + "\n").getBytes(StandardCharsets.UTF_8), false));
            }
        } finally {
            assertTrue(pipeline.stop());
        }
        assertTrue(f.emulator.objectKeys("logs", "pipe/").size() >= 3, f.emulator.objectKeys("logs", "pipe/").toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> lines(r).size() >= total);
        assertEquals(expected(1, total), lines(r), r.err());
        assertEquals("", r.err());
    }

    @Test
    void followsWhatThePipelineWritesPlain() throws Exception {
        followsThePipelineAcrossRollovers(false);
    }

    @Test
    void followsWhatThePipelineWritesGzip() throws Exception {
        followsThePipelineAcrossRollovers(true);
    }

    @Test
    void linesWrittenWhileFollowingArePrintedOnceAndInOrder() throws Exception {
        f.append("app/a.log", "start\n");
        CliFixture.Result r = follow("tail", "-f", "oss://logs/app/a.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> r.out().equals("start\n"));
        Thread writer = new Thread(() -> {
            try {
                for (int i = 1; i <= 200; i++) {
                    f.append("app/a.log", "line " + i + "\n");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        writer.join(30_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> lines(r).size() >= 201);
        List<String> want = new ArrayList<>(List.of("start"));
        want.addAll(expected(1, 200));
        assertEquals(want, lines(r));
    }

    @Test
    void aLineSplitAcrossAppendsIsPrintedWhole() throws Exception {
        f.append("app/a.log", "first\nhalf ");
        CliFixture.Result r = follow("tail", "-f", "oss://logs/app/a.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> r.out().equals("first\n"));
        f.append("app/a.log", "and half\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> r.out().equals("first\nhalf and half\n"));
    }

    @Test
    void aPatternWithNoObjectYetIsWaitedFor() throws Exception {
        CliFixture.Result r = follow("tail", "-f", "oss://logs/" + PATTERN);
        write("app/2025-03-01/host-0.log", 1, 3, 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines(r).size() >= 3);
        assertEquals(expected(1, 3), lines(r));
    }

    @Test
    void aFollowedObjectThatIsDeletedIsAnError() throws Exception {
        f.append("app/a.log", "x\n");
        CliFixture.Result r = follow("tail", "-f", "oss://logs/app/a.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> r.out().equals("x\n"));
        f.emulator.deleteObject("logs", "app/a.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> r.code == 1);
        assertEquals("appendlog: oss://logs/app/a.log: the object was deleted while being followed\n",
                r.err().replace(System.lineSeparator(), "\n"));
    }
}
