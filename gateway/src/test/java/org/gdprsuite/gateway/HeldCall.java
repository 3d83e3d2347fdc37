package org.gdprsuite.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import static io.restassured.RestAssured.given;

/**
 * A GET through the gateway on a connection of its own, left waiting for its answer (the silent service
 * never gives one) until {@link #close() closed}: the caller leaving. Holds the gateway's places for a test.
 */
final class HeldCall implements AutoCloseable {

    private final Socket socket;

    private HeldCall(Socket socket) {
        this.socket = socket;
    }

    static HeldCall open(URL gateway, String path, String token, String requestId) throws IOException {
        Socket socket = new Socket(gateway.getHost(), gateway.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + gateway.getHost() + "\r\nAuthorization: Bearer " + token
                        + (requestId == null ? "" : "\r\nX-Request-Id: " + requestId) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new HeldCall(socket);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Until a line of the gateway's metrics (on its management port) matches {@code line} (a regex), at most 10 s. */
    static void awaitMetric(URL management, String line, String what) {
        Pattern metric = Pattern.compile("(?m)^" + line + "$");
        Awaitility.await(what)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> metric.matcher(given().port(management.getPort())
                                .when()
                                .get("/q/metrics")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString())
                        .find());
    }
}
