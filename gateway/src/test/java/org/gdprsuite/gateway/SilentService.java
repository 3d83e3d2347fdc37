package org.gdprsuite.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** erasure-service as a service that "hangs": it accepts connections and never answers. */
public class SilentService implements QuarkusTestResourceLifecycleManager {

    private ServerSocket silent;

    @Override
    public Map<String, String> start() {
        try {
            silent = new ServerSocket(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::acceptAndStaySilent, "silent-service");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("gdpr.gateway.services.erasure-service", "http://127.0.0.1:" + silent.getLocalPort());
    }

    @Override
    public void stop() {
        try {
            silent.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void acceptAndStaySilent() {
        List<Socket> held = new ArrayList<>();
        while (!silent.isClosed()) {
            try {
                held.add(silent.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }
}
