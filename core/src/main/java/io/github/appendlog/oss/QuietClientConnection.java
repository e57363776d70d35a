package io.github.appendlog.oss;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.NoResponseOutOfOrderStrategy;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Identifiable;
import org.apache.hc.core5.util.Timeout;

/**
 * One pooled HTTP/1.1 connection to the store that never logs: no request or response headers (a
 * signed request carries {@code Authorization} and the STS token in {@code x-oss-security-token}) and
 * no wire bytes, whatever level the application gives HttpClient's loggers. The socket is always held
 * by a plain {@link SocketHolder}, and the request/response hooks are left empty.
 *
 * <p>Otherwise it behaves as the pool expects: {@link #passivate()} sets an idle socket's timeout to
 * zero (infinite) and {@link #activate()} restores the last timeout set, TLS sockets are bound with
 * their underlying plain socket, and once closed the connection refuses a new socket (closing it).
 */
final class QuietClientConnection extends DefaultBHttpClientConnection
        implements ManagedHttpClientConnection, Identifiable {
    private final String id;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Timeout socketTimeout;

    /** Default HTTP/1.1 settings, ASCII header coding: what the client's default connections use. */
    QuietClientConnection(String id) {
        super(null, null, null, null, null, NoResponseOutOfOrderStrategy.INSTANCE, null, null);
        this.id = id;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public void bind(Socket socket) throws IOException {
        bindHolder(new SocketHolder(socket), socket);
    }

    @Override
    public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
        bindHolder(new SocketHolder(sslSocket, socket), sslSocket);
    }

    private void bindHolder(SocketHolder holder, Socket active) throws IOException {
        if (closed.get()) {
            active.close();
            throw new InterruptedIOException("Connection already shut down");
        }
        super.bind(holder);
        socketTimeout = Timeout.ofMilliseconds(active.getSoTimeout());
    }

    @Override
    public Socket getSocket() {
        SocketHolder holder = getSocketHolder();
        return holder == null ? null : holder.getSocket();
    }

    @Override
    public SSLSession getSSLSession() {
        Socket socket = getSocket();
        return socket instanceof SSLSocket ? ((SSLSocket) socket).getSession() : null;
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
        super.setSocketTimeout(timeout);
        socketTimeout = timeout;
    }

    @Override
    public void passivate() {
        super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
    }

    @Override
    public void activate() {
        super.setSocketTimeout(socketTimeout);
    }

    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            super.close();
        }
    }

    @Override
    public void close(CloseMode mode) {
        if (closed.compareAndSet(false, true)) {
            super.close(mode);
        }
    }
}
