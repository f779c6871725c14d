package io.mallard.http.ingest;

import io.mallard.application.ingest.ClientContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

import java.net.URI;
import java.time.Clock;

/** What the transport knows about the sender of a tracking request: socket peer, forwarding headers, UA, Origin host. */
final class ClientContexts {
    private ClientContexts() {
    }

    static ClientContext of(HttpRequest<?> request, Clock clock) {
        HttpHeaders headers = request.getHeaders();
        return new ClientContext(request.getRemoteAddress().getAddress(), headers.get("X-Forwarded-For"),
                headers.get("X-Real-IP"), headers.get(HttpHeaders.USER_AGENT), originHost(headers.get(HttpHeaders.ORIGIN)),
                clock.instant());
    }

    private static String originHost(String origin) {
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return null;
        }
        try {
            return URI.create(origin.strip()).getHost();
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
