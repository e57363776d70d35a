package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.Store;

/**
 * The emulator in a process of its own (for the idle runner, so that the store's threads are not
 * counted as the appender's): prints {@code RESULT endpoint=...}, then serves until its standard
 * input closes.
 */
public final class EmulatorServer {

    public static void main(String[] args) throws Exception {
        try (Store store = Store.start()) {
            RunnerOutput.print("endpoint", store.endpoint());
            while (System.in.read() >= 0) {
                // serve until the parent closes our stdin
            }
        }
    }
}
