package io.github.appendlog.samples.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.util.StatusPrinter2;
import io.github.appendlog.emulator.OssEmulator;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs a few thousand lines through Logback into an OSS append object, stops Logback, then reads
 * the object back and prints its key, size, first and last line.
 *
 * <p>With {@code OSS_ENDPOINT} (and {@code OSS_BUCKET}, {@code OSS_REGION}, {@code OSS_ACCESS_KEY_ID},
 * {@code OSS_ACCESS_KEY_SECRET}) in the environment it logs into that store; without it, it starts
 * the emulator in-process first and points {@code logback.xml} at it through system properties,
 * which Logback reads before the environment.
 */
public final class LogbackSample {
    private static final int THREADS = 4;
    private static final int LINES_PER_THREAD = 750;
    private static final String EMULATOR_BUCKET = "sample-logs";

    private LogbackSample() {
    }

    public static void main(String[] args) throws Exception {
        run(System.getenv(), System.out);
    }

    /** Logs, stops Logback, reads the object back and prints it to {@code out}. */
    static void run(Map<String, String> environment, PrintStream out) throws Exception {
        String key = "logs/logback-sample/run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".log";
        System.setProperty("APPENDLOG_SAMPLE_KEY", key);
        OssEmulator emulator = isBlank(environment.get("OSS_ENDPOINT")) ? startEmulator(out) : null;
        try {
            logSomeLines(); // Logback initialises here, after the properties are set
            printJmxView(out);
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.stop(); // flushes the appender within its shutdownTimeout
            StatusPrinter2 statusPrinter = new StatusPrinter2();
            statusPrinter.setPrintStream(out);
            statusPrinter.printInCaseOfErrorsOrWarnings(context);

            StoredObject stored = emulator != null
                    ? StoredObject.fromEmulator(emulator, EMULATOR_BUCKET, key)
                    : StoredObject.fromStore(environment, key);
            out.println(stored);
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    /**
     * Prints what JMX shows of each appendlog appender in this JVM (as jconsole or a JMX exporter
     * would read it), once the lines logged so far have been appended or 5 seconds have passed.
     */
    private static void printJmxView(PrintStream out) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : server.queryNames(new ObjectName("io.github.appendlog:*"), null)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline && (long) server.getAttribute(name, "EventsAppended")
                    < (long) server.getAttribute(name, "EventsHandedOver")) {
                Thread.sleep(50); // a demo waiting for the flush interval, not a test
            }
            out.println("JMX " + name + ":");
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                out.println("  " + attribute.getName() + " = " + server.getAttribute(name, attribute.getName()));
            }
        }
    }

    private static OssEmulator startEmulator(PrintStream out) {
        OssEmulator emulator = OssEmulator.builder().port(0).bucket(EMULATOR_BUCKET)
                .credentials("sample-id", "sample-secret").start();
        System.setProperty("OSS_ENDPOINT", emulator.endpoint());
        System.setProperty("OSS_REGION", emulator.region());
        System.setProperty("OSS_BUCKET", EMULATOR_BUCKET);
        System.setProperty("OSS_ACCESS_KEY_ID", "sample-id");
        System.setProperty("OSS_ACCESS_KEY_SECRET", "sample-secret");
        out.println("OSS_ENDPOINT is not set: logging into the in-process emulator at " + emulator.endpoint());
        return emulator;
    }

    private static void logSomeLines() throws InterruptedException {
        Logger log = LoggerFactory.getLogger(LogbackSample.class);
        log.info("sample starting: {} threads x {} lines", THREADS, LINES_PER_THREAD);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int worker = t;
            Thread thread = new Thread(() -> work(worker), "sample-worker-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        log.info("sample done");
    }

    private static void work(int worker) {
        Logger log = LoggerFactory.getLogger("io.github.appendlog.samples.logback.Orders");
        MDC.put("user", "user-" + worker);
        for (int n = 0; n < LINES_PER_THREAD; n++) {
            MDC.put("request", worker + "-" + n);
            if (n % 250 == 249) {
                log.error("order {} failed", n, new IllegalStateException("payment declined for order " + n,
                        new IOException("connection reset by payment gateway")));
            } else if (n % 50 == 0) {
                log.warn("order {} is slow", n);
            } else {
                log.info("order {} accepted", n);
            }
        }
        MDC.clear();
    }

    private static boolean isBlank(String s) {
        return s == null || s.trim().isEmpty();
    }
}
