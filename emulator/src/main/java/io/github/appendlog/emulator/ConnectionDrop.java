package io.github.appendlog.emulator;

/**
 * Thrown out of the request handler to end the connection without a reply: the server closes the
 * socket at once (with a TCP reset), as a crashed or cut-off store would.
 */
final class ConnectionDrop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConnectionDrop(String why) {
        super(why, null, false, false);
    }
}
