package io.github.appendlog.status;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A StatusReporter that keeps every message, for assertions. */
public final class RecordingStatus implements StatusReporter {
    private final List<String> infos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    @Override
    public synchronized void info(String message) {
        infos.add(message);
    }

    @Override
    public synchronized void warn(String message, Throwable cause) {
        warnings.add(message);
    }

    @Override
    public synchronized void error(String message, Throwable cause) {
        errors.add(message);
    }

    public synchronized List<String> infos() {
        return new ArrayList<>(infos);
    }

    public synchronized List<String> warnings() {
        return new ArrayList<>(warnings);
    }

    public synchronized List<String> errors() {
        return new ArrayList<>(errors);
    }

    /** Every message of every level, one per line, for failure output. */
    public synchronized String all() {
        List<String> all = new ArrayList<>();
        infos.forEach(m -> all.add("INFO " + m));
        warnings.forEach(m -> all.add("WARN " + m));
        errors.forEach(m -> all.add("ERROR " + m));
        return all.stream().collect(Collectors.joining("\n"));
    }
}
