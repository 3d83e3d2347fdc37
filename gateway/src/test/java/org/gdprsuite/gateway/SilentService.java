package org.gdprsuite.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * erasure-service as a service that "hangs": it accepts connections and never answers. Or, made with
 * {@link #hangingUp()}, a service that closes every connection at once without an answer (the gateway's 502).
 */
public class SilentService implements QuarkusTestResourceLifecycleManager {

    private final boolean hangUp;
    private ServerSocket silent;

    public SilentService() {
        this(false);
    }

    private SilentService(boolean hangUp) {
        this.hangUp = hangUp;
    }

    /** A service that hangs up on every caller; {@link #listen()} it, then point a service's URL at {@link #url()}. */
    static SilentService hangingUp() {
        return new SilentService(true);
    }

    @Override
    public Map<String, String> start() {
        listen();
        return Map.of("gdpr.gateway.services.erasure-service", url());
    }

    void listen() {
        try {
            silent = new ServerSocket(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, hangUp ? "hang-up-service" : "silent-service");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + silent.getLocalPort();
    }

    @Override
    public void stop() {
        if (silent == null) {
            return; // never started: another resource failed first
        }
        try {
            silent.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void accept() {
        List<Socket> held = new ArrayList<>();
        while (!silent.isClosed()) {
            try {
                Socket caller = silent.accept();
                if (hangUp) {
                    caller.setSoLinger(true, 0);
                    caller.close();
                } else {
                    held.add(caller);
                }
            } catch (IOException closed) {
                return;
            }
        }
    }
}
