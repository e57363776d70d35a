package io.github.appendlog.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.List;

/** What the run was measured on: date, JDK, cores, CPU model, load average. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        return "Date " + LocalDate.now() + "; JDK " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + "; " + Runtime.getRuntime().availableProcessors()
                + " cores (" + cpuModel() + "); load average " + loadAverage();
    }

    static String loadAverage() {
        Path path = Paths.get("/proc/loadavg");
        try {
            String[] parts = Files.readString(path).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Paths.get("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "unknown CPU";
    }
}
