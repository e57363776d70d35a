package io.github.appendlog.delivery;

import static io.github.appendlog.delivery.EmulatorFixture.append;
import static io.github.appendlog.delivery.EmulatorFixture.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.oss.Crc64;
import io.github.appendlog.emulator.Operation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two writers append to one object at the same time, through their own clients: every batch of
 * both lands exactly once, each writer's batches stay in its order, and whole batches interleave.
 */
class AppendWriterConcurrencyEmulatorTest {
    static final int BATCHES = 60;

    final EmulatorFixture fx = new EmulatorFixture();
    final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() throws Exception {
        pool.shutdownNow();
        fx.close();
    }

    /** Both writers start each round together, so every round one of them appends at a stale position. */
    Callable<AppendWriter> writerTask(String name, String key, CyclicBarrier round) throws Exception {
        AppendWriter w = new AppendWriter(fx.client(), key, EmulatorFixture.options().maxRetries(20)
                .maxConflicts(10_000).build(), fx.status());
        return () -> {
            for (int i = 0; i < BATCHES; i++) {
                round.await(30, TimeUnit.SECONDS);
                append(w, batch(name, i));
            }
            return w;
        };
    }

    void runTwoWriters(String key, Runnable faults) throws Exception {
        faults.run();
        CyclicBarrier round = new CyclicBarrier(2);
        Future<AppendWriter> a = pool.submit(writerTask("a", key, round));
        Future<AppendWriter> b = pool.submit(writerTask("b", key, round));
        AppendWriter wa = a.get(60, TimeUnit.SECONDS);
        AppendWriter wb = b.get(60, TimeUnit.SECONDS);

        byte[] object = fx.object(key);
        List<String> lines = Arrays.asList(new String(object, StandardCharsets.UTF_8).split("\n", -1));
        assertEquals("", lines.get(lines.size() - 1), "the object ends with a whole batch");
        List<String> fromA = new ArrayList<>();
        List<String> fromB = new ArrayList<>();
        for (String line : lines.subList(0, lines.size() - 1)) {
            (line.startsWith("a ") ? fromA : fromB).add(line + "\n");
        }
        assertEquals(expected("a"), fromA, "every batch of a exactly once, in order");
        assertEquals(expected("b"), fromB, "every batch of b exactly once, in order");
        long serverCrc = fx.emu.objectCrc64(EmulatorFixture.BUCKET, key);
        assertEquals(Crc64.compute(object, 0, object.length), serverCrc);
        AppendWriter lastWriter = wa.position() == object.length ? wa : wb;
        assertEquals(object.length, lastWriter.position());
        assertEquals(serverCrc, lastWriter.checksum());
        assertTrue(wa.position() <= object.length && wb.position() <= object.length);
        assertTrue(fx.emu.requestCount(Operation.HEAD) >= BATCHES,
                "the writers had to settle conflicts: " + fx.emu.requestCount(Operation.HEAD) + " HEADs");
        assertTrue(fx.errors.isEmpty(), fx.errors.toString());
        assertEquals(0, fx.emu.faults().activeRules(), "every injected fault was hit");
    }

    static List<String> expected(String writer) {
        List<String> want = new ArrayList<>();
        for (int i = 0; i < BATCHES; i++) {
            want.add(new String(batch(writer, i), StandardCharsets.UTF_8));
        }
        return want;
    }

    @Test
    void twoWritersOnOneObjectLandEveryBatchExactlyOnce() throws Exception {
        runTwoWriters("shared.log", () -> { });
    }

    @Test
    void twoWritersOnOneObjectUnderFaults() throws Exception {
        runTwoWriters("shared-faults.log", () -> fx.emu.faults().applyThenDrop(8).resetBeforeApply(8)
                .failNext(Operation.APPEND, 4, 500, "InternalError").slowDown(4));
    }
}
