package io.mallard.application.ingest;

import java.net.InetAddress;
import java.time.Instant;

/**
 * What the transport knows about the sender. Held in memory for one request only: the socket
 * address and User-Agent are never stored or logged.
 *
 * @param forwardedFor {@code X-Forwarded-For}, honoured only from trusted proxies
 * @param realIp       {@code X-Real-IP}, honoured only from trusted proxies
 * @param originHost   host of the {@code Origin} header, or null when absent or unparseable
 */
public record ClientContext(InetAddress socketPeer, String forwardedFor, String realIp,
                            String userAgent, String originHost, Instant receivedAt) {
}
