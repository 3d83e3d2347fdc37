package org.gdprsuite.systemtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A POST as a well-behaved client sends a big body: the headers first with {@code Expect: 100-continue}, the
 * body only after {@code 100 Continue}. Written on a socket because JDK 17's HttpClient loses the body of a
 * final answer that comes instead of the 100 (it waits for bytes it has already read).
 */
record ExpectContinueCall(int status, String contentType, String body) {

    static ExpectContinueCall post(String url, String token, String contentType, byte[] body) throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                            + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: " + contentType
                            + "\r\nContent-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String[] head = readHead(in);
            int status = Integer.parseInt(head[0].split(" ")[1]);
            if (status == 100) {
                out.write(body);
                out.flush();
                head = readHead(in);
                status = Integer.parseInt(head[0].split(" ")[1]);
            }
            String type = header(head, "content-type");
            String length = header(head, "content-length");
            byte[] answer = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
            return new ExpectContinueCall(status, type, new String(answer, StandardCharsets.UTF_8));
        }
    }

    private static String[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) { // the blank line after the headers
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended before the answer's headers");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1).trim().split("\r\n");
    }

    private static String header(String[] head, String name) {
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon > 0
                    && head[i].substring(0, colon)
                            .trim()
                            .toLowerCase(Locale.ROOT)
                            .equals(name)) {
                return head[i].substring(colon + 1).trim();
            }
        }
        return null;
    }
}
