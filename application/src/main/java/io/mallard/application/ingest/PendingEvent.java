package io.mallard.application.ingest;

import io.mallard.application.agent.UserAgent;
import io.mallard.application.geo.Location;

import java.net.InetAddress;

/**
 * An event on its way through the ingestion pipeline: the validated hit, the transport context,
 * and what each step has learned so far. Immutable; each step returns an enriched copy.
 */
public record PendingEvent(Hit hit, ClientContext client, InetAddress clientAddress, UserAgent agent,
                           String visitorId, Location location, String referrerSource) {

    public static PendingEvent of(Hit hit, ClientContext client) {
        return new PendingEvent(hit, client, client.socketPeer(), UserAgent.UNKNOWN, null, Location.UNKNOWN, null);
    }

    public PendingEvent withClientAddress(InetAddress address) {
        return new PendingEvent(hit, client, address, agent, visitorId, location, referrerSource);
    }

    public PendingEvent withAgent(UserAgent parsed) {
        return new PendingEvent(hit, client, clientAddress, parsed, visitorId, location, referrerSource);
    }

    public PendingEvent withVisitorId(String id) {
        return new PendingEvent(hit, client, clientAddress, agent, id, location, referrerSource);
    }

    public PendingEvent withLocation(Location located) {
        return new PendingEvent(hit, client, clientAddress, agent, visitorId, located, referrerSource);
    }

    public PendingEvent withReferrerSource(String source) {
        return new PendingEvent(hit, client, clientAddress, agent, visitorId, location, source);
    }
}
