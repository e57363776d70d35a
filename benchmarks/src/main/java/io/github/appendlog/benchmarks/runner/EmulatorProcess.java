package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.BenchProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link EmulatorServer} in a child JVM: started, its endpoint set as {@code bench.endpoint}, and
 * ended (its standard input closed, then waited for) on close.
 */
final class EmulatorProcess implements AutoCloseable {
    private final Process process;

    private EmulatorProcess(Process process) {
        this.process = process;
    }

    /** Starts it with its objects in {@code dataDirectory} (kept), or in a temporary directory if null. */
    static EmulatorProcess start(Path dataDirectory) throws IOException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), EmulatorServer.class.getName()));
        if (dataDirectory != null) {
            command.add(dataDirectory.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> results = new HashMap<>();
        for (String line; (line = in.readLine()) != null; ) {
            RunnerOutput.parse(line, results);
            if (results.containsKey("endpoint")) {
                System.setProperty(BenchProperties.ENDPOINT, results.get("endpoint"));
                BenchProperties.setDefaults();
                Thread drain = new Thread(() -> drain(in), "bench-emulator-output"); // a full pipe would stall it
                drain.setDaemon(true);
                drain.start();
                return new EmulatorProcess(process);
            }
        }
        throw new IllegalStateException("the emulator process exited before giving its endpoint");
    }

    private static void drain(BufferedReader in) {
        try {
            for (String line; (line = in.readLine()) != null; ) {
                System.out.println("emulator: " + line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        process.waitFor();
    }
}
