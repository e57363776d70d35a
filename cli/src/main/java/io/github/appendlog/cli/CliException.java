package io.github.appendlog.cli;

/**
 * A failure the reader reports on stderr as one line and ends with: exit code {@link #USAGE} for a
 * command line or setting that is wrong, {@link #FAILED} for what the store or the network answered
 * (a missing object, refused credentials, an unreachable endpoint). Never carries a secret.
 */
final class CliException extends Exception {
    private static final long serialVersionUID = 1L;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static CliException usage(String message) {
        return new CliException(USAGE, message);
    }

    static CliException failed(String message) {
        return new CliException(FAILED, message);
    }

    int exitCode() {
        return exitCode;
    }
}
