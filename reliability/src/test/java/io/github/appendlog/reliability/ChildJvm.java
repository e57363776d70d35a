package io.github.appendlog.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A {@link ChildApp} in a JVM of its own, hermetic for what the credentials chain reads from the
 * process: its environment holds only the variables given (never this JVM's), {@code user.home} is
 * a directory of the test, and the chain's network defaults point at a closed loopback port (the
 * test build's surefire properties do not reach a child). Same {@code java} and classpath as this
 * JVM. Commands go to its stdin; its stdout and stderr go to one file, read as it grows. Every
 * wait is bounded and fails with the child's output; {@link #close()} always kills it.
 */
final class ChildJvm implements AutoCloseable {
    /** Where the chain's network sources point unless the case sets them: nothing listens there. */
    static final String CLOSED_LOOPBACK_PORT = "http://127.0.0.1:9";
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final Path output;
    private final Writer commands;
    private int sent;

    private ChildJvm(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * Starts an app of {@code framework} logging as {@code appId} from {@code threads} threads, and
     * waits until its appender started.
     *
     * @param dir a directory of the test for the child's output file
     * @param home the child's {@code user.home}
     * @param environment the child's whole environment
     * @param settings the appender's settings (the XML's properties)
     */
    static ChildJvm start(Path dir, Path home, Map<String, String> environment, Framework framework, String appId,
            int threads, Map<String, String> settings) throws IOException {
        return start(dir, home, environment, framework, appId, threads, settings, List.of());
    }

    /** As above, with system properties for the child ({@code name=value}, e.g. {@link ChildProbes}'). */
    static ChildJvm start(Path dir, Path home, Map<String, String> environment, Framework framework, String appId,
            int threads, Map<String, String> settings, List<String> properties) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xmx128m");
        command.add("-Duser.home=" + home);
        command.add("-Dappendlog.defaults.ecsMetadataEndpoint=" + CLOSED_LOOPBACK_PORT);
        command.add("-Dappendlog.defaults.stsEndpoint=" + CLOSED_LOOPBACK_PORT);
        properties.forEach(p -> command.add("-D" + p));
        command.add("-cp");
        command.add(classPath());
        command.add(ChildApp.class.getName());
        command.add(framework.name());
        command.add(appId);
        command.add(Integer.toString(threads));
        settings.forEach((k, v) -> command.add(k + "=" + v));
        Path output = dir.resolve("child-" + framework + "-" + appId + ".out");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment);
        ChildJvm child = new ChildJvm(framework + "/" + appId, pb.start(), output);
        try {
            child.awaitLine(ChildApp.PREFIX + "ready", START_LIMIT);
        } catch (RuntimeException | Error e) {
            child.close();
            throw e;
        }
        return child;
    }

    /**
     * This JVM's test class path: {@code java.class.path} under surefire; the class loader's URLs
     * when run by the soak profile's {@code exec:java} (inside Maven's JVM).
     */
    private static String classPath() {
        ClassLoader loader = ChildJvm.class.getClassLoader();
        if (loader instanceof java.net.URLClassLoader) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : ((java.net.URLClassLoader) loader).getURLs()) {
                try {
                    entries.add(Paths.get(url.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException("class path entry " + url, e);
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    /** Sends a command ({@code log N}, {@code paced N millis}) without waiting for it. */
    ChildJvm send(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
        sent++;
        return this;
    }

    /** Sends a command and waits (at most {@code limit}) until the child has carried it out. */
    ChildJvm run(String command, Duration limit) throws IOException {
        send(command);
        awaitLine(ChildApp.PREFIX + "done " + sent, limit);
        return this;
    }

    /**
     * Stops the app (after the commands sent before) and waits, at most {@code limit}, for the JVM
     * to exit with 0.
     */
    void stop(Duration limit) throws IOException {
        send("stop");
        commands.close();
        awaitLine(ChildApp.PREFIX + "stopped", limit);
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
        if (process.exitValue() != 0) {
            throw new AssertionError(name + ": the child JVM exited with " + process.exitValue() + ":\n" + output());
        }
    }

    /** Everything the child wrote on stdout and stderr so far. */
    String output() {
        try {
            return new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new AssertionError("cannot read " + output, e);
        }
    }

    /** {@code app|thread} to lines logged, as the child last said. */
    Map<String, Long> expected() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : lines("expected ")) {
            String[] words = line.split(" ");
            m.put(words[0], Long.parseLong(words[1]));
        }
        return m;
    }

    /**
     * The most events the child said it journalled ({@link ChildProbes}), 0 before it said any (the
     * count only grows while the appender runs; once stopped, its stats read 0).
     */
    long journalled() {
        return lines("journalled ").stream().mapToLong(l -> Long.parseLong(l.split(" ")[0])).max().orElse(0);
    }

    /** Waits (at most {@code limit}) until the child said it journalled at least {@code events}. */
    void awaitJournalled(long events, Duration limit) {
        awaitOutput("journalled " + events + " events", limit, () -> journalled() >= events);
    }

    /** Kills the JVM with SIGKILL ({@code destroyForcibly} on Linux) and waits until it is gone. */
    void kill() {
        close();
        if (process.isAlive()) {
            throw new AssertionError(name + ": the child JVM is still alive 10 s after SIGKILL");
        }
    }

    /** Waits (at most {@code limit}) for the JVM to exit by itself; true if it did. */
    boolean exitsWithin(Duration limit) {
        try {
            process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !process.isAlive();
    }

    /** Waits (at most {@code limit}) for the JVM to exit by itself; returns its exit status. */
    int awaitExit(Duration limit) {
        try {
            await().atMost(limit).pollInterval(Duration.ofMillis(50)).until(() -> !process.isAlive());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(name + ": the child JVM still runs after " + limit + ":\n" + output(), e);
        }
        return process.exitValue();
    }

    /** Waits (at most {@code limit}) for a status message at {@code level} that contains {@code fragment}. */
    void awaitStatus(String level, String fragment, Duration limit) {
        try {
            await().atMost(limit).pollInterval(Duration.ofMillis(50)).until(() -> !statuses(level, fragment).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(name + ": no " + level + " status with '" + fragment + "' within " + limit + ":\n"
                    + output(), e);
        }
    }

    /** The app's status messages so far. */
    List<LoggingApp.Status> statuses() {
        return lines("status ").stream().map(s -> {
            int space = s.indexOf(' ');
            return new LoggingApp.Status(s.substring(0, space), ChildApp.unescape(s.substring(space + 1)));
        }).collect(Collectors.toList());
    }

    /** Status messages at {@code level} that contain {@code fragment}. */
    List<String> statuses(String level, String fragment) {
        return statuses().stream().filter(s -> s.level.equals(level) && s.text.contains(fragment))
                .map(s -> s.text).collect(Collectors.toList());
    }

    private List<String> lines(String kind) {
        String prefix = ChildApp.PREFIX + kind;
        String text = output();
        return text.substring(0, text.lastIndexOf('\n') + 1).lines() // complete lines only
                .filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).collect(Collectors.toList());
    }

    private void awaitLine(String line, Duration limit) {
        awaitOutput("'" + line + "'", limit, () -> output().lines().anyMatch(line::equals));
    }

    /** Waits until {@code said} is true; fails with the output if the JVM exits first or {@code limit} passes. */
    private void awaitOutput(String what, Duration limit, java.util.concurrent.Callable<Boolean> said) {
        try {
            await().atMost(limit).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (said.call()) {
                    return true;
                }
                if (!process.isAlive() && !said.call()) { // asked again: it may have said it and exited since
                    throw new AssertionError(name + ": the child JVM exited (" + process.exitValue()
                            + ") before " + what + ":\n" + output());
                }
                return false;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(name + ": no " + what + " within " + limit + " (hung?):\n" + output(), e);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** Kills the JVM if it still runs. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
