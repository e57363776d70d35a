package io.github.appendlog.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.junit.jupiter.api.Test;

class QuietConnectionFactoryTest {
    @Test
    void makesQuietConnectionsEachWithItsOwnId() throws Exception {
        ManagedHttpClientConnection a = QuietConnectionFactory.INSTANCE.createConnection(null);
        ManagedHttpClientConnection b = QuietConnectionFactory.INSTANCE.createConnection(null);
        String idA = assertInstanceOf(QuietClientConnection.class, a).getId();
        String idB = assertInstanceOf(QuietClientConnection.class, b).getId();
        assertTrue(idA.startsWith("appendlog-conn-"), idA);
        assertFalse(idA.equals(idB));
        assertNull(a.getSocket(), "not bound yet");
        assertFalse(a.isOpen());
    }

    @Test
    void bindsTheSocketItIsGiven() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            socket.setSoTimeout(2500);
            ManagedHttpClientConnection connection = QuietConnectionFactory.INSTANCE.createConnection(socket);
            assertSame(socket, connection.getSocket());
            assertTrue(connection.isOpen());
            connection.passivate();
            connection.activate();
            assertEquals(2500, socket.getSoTimeout());
            connection.close();
        }
    }
}
