package io.mallard.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections that trickle their headers are closed at the read timeout (here 2 s instead of the
 * production 30 s), however often they send a byte; a normal request on the same server is served.
 */
class SlowClientTest {
    static final String TIMEOUT_PROPERTY = "micronaut.server.read-timeout";

    @TempDir
    Path dataDir;

    @AfterEach
    void restore() {
        System.clearProperty(TIMEOUT_PROPERTY);
    }

    @Test
    void aClientTricklingItsHeadersIsCutOffAtTheReadTimeout() throws Exception {
        System.setProperty(TIMEOUT_PROPERTY, "2");
        try (TestServer server = new TestServer(dataDir, Map.of())) {
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Socket socket = new Socket("127.0.0.1", server.base.getPort());
                socket.setSoTimeout(10_000);
                sockets.add(socket);
            }
            byte[] request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
            int closedBy = -1;
            for (int second = 0; second < 8 && closedBy < 0; second++) {
                for (Socket socket : sockets) {
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(request[Math.min(second, request.length - 1)]);
                        out.flush();
                    } catch (java.io.IOException closed) {
                        closedBy = second;
                    }
                }
                Thread.sleep(1000);
            }
            for (Socket socket : sockets) {
                InputStream in = socket.getInputStream();
                assertThat(in.read()).as("the server closed the trickling connection").isEqualTo(-1);
                socket.close();
            }
            assertThat(server.get("/health").body()).isEqualTo("ok");
        }
    }
}
