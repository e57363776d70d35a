package io.github.appendlog.log4j2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses text written with a layout like {@code EV|%t|%m|%X{request}%n}: each event starts with
 * {@code EV|}; other lines belong to the event before them (a stack trace). The pipeline's own
 * marker lines ({@code [appendlog] ...}, written where it dropped events) are no events.
 */
final class LoggedEvents {
    /** One event: its header fields and the lines after it. */
    static final class Event {
        final String thread;
        final String message;
        final String context;
        final List<String> extraLines = new ArrayList<>();

        Event(String header) {
            String[] parts = header.split("\\|", -1);
            if (parts.length != 4) {
                throw new AssertionError("not a whole event line: '" + header + "'");
            }
            this.thread = parts[1];
            this.message = parts[2];
            this.context = parts[3];
        }
    }

    static final String MARKER = "[appendlog] ";

    private LoggedEvents() {
    }

    /** The pipeline's marker lines. */
    static List<String> markers(String text) {
        List<String> markers = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(MARKER)) {
                markers.add(line);
            }
        }
        return markers;
    }

    static List<Event> parse(String text) {
        List<Event> events = new ArrayList<>();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the text ends with a partial line: '"
                    + text.substring(Math.max(0, text.length() - 200)) + "'");
        }
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty() || line.startsWith(MARKER)) {
                continue;
            }
            if (line.startsWith("EV|")) {
                events.add(new Event(line));
            } else if (events.isEmpty()) {
                throw new AssertionError("text starts with a line that is no event: '" + line + "'");
            } else {
                events.get(events.size() - 1).extraLines.add(line);
            }
        }
        return events;
    }

    /** Messages by thread name, in the order they appear. */
    static Map<String, List<String>> messagesByThread(List<Event> events) {
        Map<String, List<String>> byThread = new LinkedHashMap<>();
        for (Event e : events) {
            byThread.computeIfAbsent(e.thread, t -> new ArrayList<>()).add(e.message);
        }
        return byThread;
    }
}
