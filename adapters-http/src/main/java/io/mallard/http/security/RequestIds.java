package io.mallard.http.security;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for {@code X-Request-ID}: random version-4 UUIDs drawn from the calling thread's generator.
 * They must be unique, not secret (they only correlate a response with the logs), so they skip
 * {@link UUID#randomUUID()}'s {@code SecureRandom}, whose shared lock and read of the system's
 * entropy source showed in every response's profile at peak ingestion.
 */
final class RequestIds {
    private static final long VERSION_MASK = 0xF000L;
    private static final long VERSION_4 = 0x4000L;
    private static final long VARIANT_MASK = 0xC000_0000_0000_0000L;
    private static final long VARIANT_IETF = 0x8000_0000_0000_0000L;

    private RequestIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~VERSION_MASK) | VERSION_4;
        long low = (random.nextLong() & ~VARIANT_MASK) | VARIANT_IETF;
        return new UUID(high, low).toString();
    }
}
