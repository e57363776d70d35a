package io.github.appendlog.pipeline;

import io.github.appendlog.status.StatusReporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Keeps every status message as {@code LEVEL message}. */
public final class RecordingStatus implements StatusReporter {
    public final List<String> messages = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        messages.add("INFO " + message);
    }

    @Override
    public void warn(String message, Throwable cause) {
        messages.add("WARN " + message);
    }

    @Override
    public void error(String message, Throwable cause) {
        messages.add("ERROR " + message);
    }

    public List<String> matching(String level, String part) {
        return messages.stream().filter(m -> m.startsWith(level + " ") && m.contains(part)).collect(Collectors.toList());
    }
}
