package io.github.appendlog.samples.log4j2;

import io.github.appendlog.emulator.OssEmulator;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * Logs a few thousand lines through Log4j2 and the {@code AppendObject} appender configured in
 * {@code log4j2.xml}, shuts Log4j2 down (which flushes the appender), then reads the object back.
 *
 * <p>Without {@code OSS_ENDPOINT} in the environment it starts the emulator in-process and points
 * the configuration at it (through system properties set before Log4j2 starts). With
 * {@code OSS_ENDPOINT}, {@code OSS_BUCKET}, {@code OSS_REGION}, {@code OSS_ACCESS_KEY_ID} and
 * {@code OSS_ACCESS_KEY_SECRET} (and optionally {@code OSS_SESSION_TOKEN}) it logs into that store.
 */
public final class Log4j2Sample {
    static final int THREADS = 4;
    static final int LINES_PER_THREAD = 750;

    private Log4j2Sample() {
    }

    public static void main(String[] args) throws Exception {
        run(System.getenv(), System.out);
    }

    /**
     * Logs, shuts Log4j2 down, reads the object back and prints what it holds.
     *
     * @param env where {@code OSS_ENDPOINT} and the other settings are read from
     * @return the object's text
     */
    static String run(Map<String, String> env, PrintStream out) throws Exception {
        String objectKey = "samples/log4j2/run-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".log";
        System.setProperty("sample.objectKey", objectKey);
        // log4j2.xml falls back to these when the environment lacks a setting: empty unless the emulator runs.
        for (String name : new String[] {"endpoint", "region", "bucket", "accessKeyId", "accessKeySecret"}) {
            System.setProperty("sample." + name, "");
        }

        OssEmulator emulator = null;
        ObjectReader reader;
        if (isBlank(env.get("OSS_ENDPOINT"))) {
            emulator = EmulatorStore.start(); // before Log4j2 starts: its configuration reads these properties
            reader = EmulatorStore.reader(emulator);
            out.println("OSS_ENDPOINT is not set: logging into an in-process emulator at " + emulator.endpoint());
        } else {
            reader = RealStore.reader(env, objectKey);
            out.println("Logging into " + env.get("OSS_ENDPOINT") + ", bucket " + env.get("OSS_BUCKET"));
        }

        try {
            logSomeWork();
            // Stops the appender: it flushes what it still holds (within its shutdownTimeout).
            LogManager.shutdown();

            byte[] object = reader.read(objectKey);
            String text = new String(object, StandardCharsets.UTF_8);
            String[] lines = text.split("\n");
            out.println();
            out.println("object key : " + objectKey);
            out.println("size       : " + object.length + " bytes, " + lines.length + " lines");
            out.println("first line : " + lines[0]);
            out.println("last line  : " + lines[lines.length - 1]);
            return text;
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    /** Several threads, each with its ThreadContext, now and then a multi-line exception. */
    private static void logSomeWork() throws Exception {
        Logger log = LogManager.getLogger(Log4j2Sample.class);
        log.info("sample starting: {} threads x {} lines", THREADS, LINES_PER_THREAD);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String user = "user-" + t;
            done.add(pool.submit(() -> work(LogManager.getLogger("sample.orders"), user)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        log.info("sample finished");
    }

    private static void work(Logger log, String user) {
        ThreadContext.put("user", user);
        for (int i = 0; i < LINES_PER_THREAD; i++) {
            ThreadContext.put("order", user + "-" + i);
            if (i % 250 == 249) {
                log.error("order {} failed", i, new IllegalStateException("payment declined for order " + i,
                        new java.io.IOException("connection reset")));
            } else if (i % 50 == 0) {
                log.warn("order {} is slow", i);
            } else {
                log.info("order {} processed", i);
            }
        }
        ThreadContext.clearMap();
    }

    static boolean isBlank(String s) {
        return s == null || s.trim().isEmpty();
    }

    /** Reads the whole object back after Log4j2 has shut down. */
    interface ObjectReader {
        byte[] read(String key) throws Exception;
    }
}
