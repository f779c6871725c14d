package io.mallard.application.segment;

import io.mallard.domain.event.SiteId;

import java.time.Instant;

/**
 * A named, saved set of filters of one site. {@code filters} is the stats API's {@code filters}
 * parameter as validated JSON text, so applying a segment is passing it on.
 */
public record Segment(long id, SiteId site, String name, String filters, Instant createdAt) {
}
