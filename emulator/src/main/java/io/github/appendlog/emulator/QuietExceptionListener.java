package io.github.appendlog.emulator;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ExceptionListener;
import org.apache.hc.core5.http.HttpConnection;

/**
 * Ignores what clients and injected faults normally cause (closed, reset and timed-out
 * connections); anything else is an emulator bug and is printed.
 */
final class QuietExceptionListener implements ExceptionListener {

    @Override
    public void onError(Exception ex) {
        report(ex);
    }

    @Override
    public void onError(HttpConnection connection, Exception ex) {
        report(ex);
    }

    private static void report(Exception ex) {
        if (ex instanceof ConnectionDrop || ex instanceof SocketTimeoutException
                || ex instanceof ConnectionClosedException || ex instanceof SocketException
                || ex instanceof SSLException) {
            return;
        }
        System.err.println("appendlog-emulator: unexpected error: " + ex);
        ex.printStackTrace();
    }
}
