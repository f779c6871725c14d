package io.mallard.domain.network;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which peers may tell us the client's address, and how to read it from them.
 *
 * <p>The socket address is the client unless the socket peer is a trusted proxy. Then the
 * right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy is the client (entries
 * further left were written by the client and can be forged); without that header,
 * {@code X-Real-IP}. Unparseable header values fall back to the socket address.
 */
public record TrustedProxies(List<Cidr> networks) {
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    public TrustedProxies {
        networks = List.copyOf(networks);
    }

    public static TrustedProxies parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return NONE;
        }
        return new TrustedProxies(java.util.Arrays.stream(commaSeparated.split(","))
                .filter(s -> !s.isBlank()).map(Cidr::parse).toList());
    }

    public boolean trusts(InetAddress peer) {
        return networks.stream().anyMatch(network -> network.contains(peer));
    }

    public InetAddress clientAddress(InetAddress socketPeer, String forwardedFor, String realIp) {
        if (!trusts(socketPeer)) {
            return socketPeer;
        }
        if (forwardedFor != null && !forwardedFor.isBlank()) {
            String[] hops = forwardedFor.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                Optional<InetAddress> hop = IpLiteral.parse(hops[i]);
                if (hop.isEmpty()) {
                    return socketPeer;
                }
                if (!trusts(hop.get())) {
                    return hop.get();
                }
            }
            return socketPeer;
        }
        return IpLiteral.parse(realIp).orElse(socketPeer);
    }
}
