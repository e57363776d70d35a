package io.github.appendlog.oss;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * Makes the connection manager's connections {@link QuietClientConnection}s, so that no request
 * header (signature, STS token) or wire byte is ever logged. Ids read {@code appendlog-conn-N}.
 * Public for the credential sources' HTTP client, whose replies carry secrets too.
 */
public final class QuietConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {
    public static final QuietConnectionFactory INSTANCE = new QuietConnectionFactory();

    private final AtomicLong counter = new AtomicLong();

    private QuietConnectionFactory() {
    }

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        QuietClientConnection connection = new QuietClientConnection("appendlog-conn-" + counter.getAndIncrement());
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }
}
