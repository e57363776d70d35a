package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.Store;
import io.github.appendlog.emulator.OssEmulator;
import java.nio.file.Paths;

/**
 * The emulator in a process of its own (so that the store's threads and heap are not counted as the
 * appender's): prints {@code RESULT endpoint=...}, then serves until its standard input closes.
 * Args: {@code [data directory]}: the objects' files are kept there (read back by the caller once
 * this process ended); without it, in a temporary directory deleted at the end.
 */
public final class EmulatorServer {

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            try (OssEmulator emulator = OssEmulator.builder().port(0).bucket(Store.BUCKET)
                    .credentials(Store.ACCESS_KEY_ID, Store.ACCESS_KEY_SECRET).region(Store.REGION)
                    .dataDirectory(Paths.get(args[0])).start()) {
                serve(emulator.endpoint());
            }
            return;
        }
        try (Store store = Store.start()) {
            serve(store.endpoint());
        }
    }

    private static void serve(String endpoint) throws java.io.IOException {
        RunnerOutput.print("endpoint", endpoint);
        while (System.in.read() >= 0) {
            // serve until the parent closes our stdin
        }
    }
}
