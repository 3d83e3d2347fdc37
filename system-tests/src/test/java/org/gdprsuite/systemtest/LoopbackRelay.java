package org.gdprsuite.systemtest;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

import org.gdprsuite.testsupport.ClientAddresses;

/**
 * A TCP relay on 127.0.0.1 to the gateway for a client that cannot choose its source address (a scanner): each
 * connection it accepts goes on from a loopback address no one used, so the suite's per-address limits meet a
 * new caller each time, as for the other scenarios' callers.
 */
final class LoopbackRelay implements AutoCloseable {

    private final ServerSocket server;
    private final URI target;

    LoopbackRelay(URI target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "loopback-relay");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** The relay's base URL, {@code http://127.0.0.1:<port>}. */
    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(
                        InetAddress.getByName(target.getHost()), target.getPort(), ClientAddresses.next(), 0);
                pump(in, out);
                pump(out, in);
            } catch (IOException closedOrRefused) {
                // the relay was closed, or one connection failed: the client sees it refused
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread pump = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream()) {
                        in.transferTo(to.getOutputStream());
                    } catch (IOException ended) {
                        // the other side closed
                    } finally {
                        close(from);
                        close(to);
                    }
                },
                "loopback-relay-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
