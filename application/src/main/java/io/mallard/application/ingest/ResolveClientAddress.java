package io.mallard.application.ingest;

import io.mallard.domain.network.TrustedProxies;

/** The client is the socket peer, unless that peer is a trusted proxy that names it in a header. */
public record ResolveClientAddress(TrustedProxies proxies) implements IngestStep {
    @Override
    public StepResult apply(PendingEvent event) {
        ClientContext client = event.client();
        return new StepResult.Continue(event.withClientAddress(
                proxies.clientAddress(client.socketPeer(), client.forwardedFor(), client.realIp())));
    }
}
