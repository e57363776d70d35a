package io.github.appendlog.log4j2;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/** Collects Log4j2 status messages while open. */
final class StatusCapture implements AutoCloseable {
    private final List<StatusData> data = new CopyOnWriteArrayList<>();
    private final StatusListener listener = new StatusListener() {
        @Override
        public void log(StatusData status) {
            data.add(status);
        }

        @Override
        public Level getStatusLevel() {
            return Level.DEBUG;
        }

        @Override
        public void close() {
        }
    };

    static StatusCapture open() {
        StatusCapture capture = new StatusCapture();
        StatusLogger.getLogger().registerListener(capture.listener);
        return capture;
    }

    /** Messages (with their cause) at the level or more severe. */
    List<String> messages(Level atLeast) {
        return data.stream()
                .filter(d -> d.getLevel().isMoreSpecificThan(atLeast))
                .map(d -> d.getMessage().getFormattedMessage()
                        + (d.getThrowable() == null ? "" : " / " + d.getThrowable()))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        StatusLogger.getLogger().removeListener(listener);
    }
}
