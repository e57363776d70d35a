package io.github.appendlog.benchmarks.runner;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one runner main in a JVM of its own (own heap, own threads, nothing left over from the
 * previous runner), copies its output to a log file, and returns the {@code RESULT key=value} lines
 * it printed (see {@link RunnerOutput}).
 */
final class ChildJvm {
    private final File logDirectory;

    ChildJvm(File logDirectory) {
        this.logDirectory = logDirectory;
        logDirectory.mkdirs();
    }

    Map<String, String> run(Class<?> main, List<String> jvmArgs, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        File log = new File(logDirectory, main.getSimpleName() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, String> results = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log.toPath(), StandardCharsets.UTF_8))) {
            Thread reader = new Thread(() -> {
                try {
                    for (String line; (line = in.readLine()) != null; ) {
                        out.println(line);
                        RunnerOutput.parse(line, results);
                    }
                } catch (IOException e) {
                    out.println("(output lost: " + e + ")");
                }
            }, "bench-child-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(main.getSimpleName() + " did not finish within " + timeout + "; see " + log);
            }
            reader.join(5000);
        }
        if (process.exitValue() != 0) {
            throw new IOException(main.getSimpleName() + " exited with " + process.exitValue() + "; see " + log);
        }
        return results;
    }
}
