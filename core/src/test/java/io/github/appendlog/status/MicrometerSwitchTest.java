package io.github.appendlog.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The binder is loaded only when metrics=true and Micrometer is present; otherwise a WARN, never a failure. */
class MicrometerSwitchTest {
    static final List<String> BOUND = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final StatusReporter status = new StatusReporter() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message, Throwable cause) {
            warnings.add(message);
        }

        @Override
        public void error(String message, Throwable cause) {
            warnings.add("ERROR " + message);
        }
    };

    /** Stands in for an adapter's binder. */
    static final class FakeBinder implements AutoCloseable {
        private final String appender;

        FakeBinder(String appender, String framework, Supplier<PipelineStats> stats) {
            this.appender = appender;
            BOUND.add(appender + "/" + framework + "/" + stats.get().appendedEvents());
        }

        @Override
        public void close() {
            BOUND.remove(appender + "/logback/0");
        }
    }

    @Test
    void offLoadsNothing() throws Exception {
        MicrometerSwitch.bind(false, "off", "logback", "no.such.Binder", PipelineStats::none, status).close();
        assertTrue(warnings.isEmpty(), warnings::toString);
    }

    @Test
    void onWithoutMicrometerWarnsAndRunsOn() throws Exception {
        AutoCloseable meters = MicrometerSwitch.bind(true, "OSS", "logback", FakeBinder.class.getName(),
                "io.micrometer.absent.Metrics", PipelineStats::none, status);
        meters.close();
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("metrics=true but Micrometer (io.micrometer.absent.Metrics) is not on the"
                + " class path; add io.micrometer:micrometer-core"), warnings::toString);
        assertTrue(BOUND.stream().noneMatch(b -> b.startsWith("OSS/")), BOUND::toString);
    }

    @Test
    void onWithMicrometerBuildsTheBinderAndClosingItRemovesTheMeters() throws Exception {
        AutoCloseable meters = MicrometerSwitch.bind(true, "bound", "logback", FakeBinder.class.getName(),
                String.class.getName(), PipelineStats::none, status);
        assertTrue(BOUND.contains("bound/logback/0"), BOUND::toString);
        meters.close();
        assertTrue(!BOUND.contains("bound/logback/0"), BOUND::toString);
        assertTrue(warnings.isEmpty(), warnings::toString);
    }

    @Test
    void aBinderThatThrowsIsAWarning() {
        MicrometerSwitch.bind(true, "broken", "log4j2", "no.such.Binder", String.class.getName(), PipelineStats::none,
                status);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("the Micrometer meters could not be registered"), warnings::toString);
    }
}
