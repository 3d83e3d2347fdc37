package org.gdprsuite.testsupport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

/**
 * Callers with addresses of their own, so that tests meet the suite's real per-address limits as users do:
 * each caller connects from its own loopback address (on Linux all of 127/8 is loopback). The address is
 * the socket's source, not a header: the gateway believes X-Forwarded-For only from trusted proxies.
 */
public final class ClientAddresses {

    /** 127.1.0.1 onwards, away from 127.0.0.1 (the suite itself and its trusted proxy). */
    private static final int FIRST = (127 << 24) | (1 << 16) | 1;

    private static final AtomicInteger USED = new AtomicInteger();

    private ClientAddresses() {}

    /** A loopback address no caller of this JVM has used yet. */
    public static InetAddress next() {
        int address = FIRST + USED.getAndIncrement();
        if ((address & 0xff) == 0 || (address & 0xff) == 0xff) {
            return next(); // no .0 and .255: a reader would take them for a network or broadcast
        }
        try {
            return InetAddress.getByAddress(
                    new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
                    });
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    /** RestAssured's configuration for calls that leave from {@code from} (Apache HttpClient's local address). */
    public static RestAssuredConfig restAssured(InetAddress from) {
        return RestAssured.config()
                .httpClient(HttpClientConfig.httpClientConfig().setParam("http.route.local-address", from));
    }
}
