package io.github.appendlog.status;

import java.util.function.Supplier;

/**
 * Turns on an adapter's Micrometer meters ({@code metrics=true}) without making Micrometer needed
 * at runtime: the adapter's binder class (which imports Micrometer) is loaded by name, and only when
 * the setting is on and Micrometer is on the class path. The binder is an {@link AutoCloseable}
 * with a constructor {@code (String appender, String framework, Supplier<PipelineStats> stats)}
 * that registers function-based meters reading the snapshot; closing it removes them.
 */
public final class MicrometerSwitch {
    static final String MICROMETER_CLASS = "io.micrometer.core.instrument.Metrics";
    /** What {@link #bind} returns when no meters were registered. */
    private static final AutoCloseable NO_METERS = () -> { };

    private MicrometerSwitch() {
    }

    /**
     * Registers the appender's meters through {@code binderClass} when {@code enabled}.
     *
     * @return what removes them at stop (does nothing when none were registered); never null
     */
    public static AutoCloseable bind(boolean enabled, String appender, String framework, String binderClass,
            Supplier<PipelineStats> stats, StatusReporter status) {
        return bind(enabled, appender, framework, binderClass, MICROMETER_CLASS, stats, status);
    }

    static AutoCloseable bind(boolean enabled, String appender, String framework, String binderClass,
            String micrometerClass, Supplier<PipelineStats> stats, StatusReporter status) {
        if (!enabled) {
            return NO_METERS;
        }
        ClassLoader loader = MicrometerSwitch.class.getClassLoader();
        try {
            Class.forName(micrometerClass, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            status.warn("appendlog '" + appender + "': metrics=true but Micrometer (" + micrometerClass
                    + ") is not on the class path; add io.micrometer:micrometer-core to the application, or set"
                    + " metrics=false. The appender runs on without meters", null);
            return NO_METERS;
        }
        try {
            java.lang.reflect.Constructor<?> constructor = Class.forName(binderClass, true, loader)
                    .getDeclaredConstructor(String.class, String.class, Supplier.class);
            constructor.setAccessible(true);
            return (AutoCloseable) constructor.newInstance(appender, framework, stats);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            status.warn("appendlog '" + appender + "': metrics=true but the Micrometer meters could not be registered ("
                    + cause + "); the appender runs on without meters", null);
            return NO_METERS;
        }
    }
}
