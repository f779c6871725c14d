package io.mallard.application.ingest;

/**
 * The tracker's payload as it arrived, keys named as on the wire: {@code d} site, {@code n} event
 * name, {@code u} page URL, {@code r} referrer, {@code w} viewport width, {@code p} props (compact
 * JSON object text), {@code ra}/{@code rc} revenue amount and currency, {@code uid} the site's own key
 * for a signed-in user (optional, hashed at ingestion, never stored), {@code e}/{@code sd} an
 * engagement report's visible milliseconds and scroll depth. Any field may be null.
 * {@link Hit#validate} turns it into a checked {@link Hit}.
 */
public record TrackingRequest(String d, String n, String u, String r, Integer w, String p, Double ra, String rc, String uid, Integer e,
                              Integer sd) {
}
