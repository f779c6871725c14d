package io.mallard.application.ingest;

import io.mallard.domain.event.Engagement;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.Props;
import io.mallard.domain.event.Revenue;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.event.Text;
import io.mallard.domain.page.PageUrl;

/**
 * A tracking request that passed the contract checks, in this order (the first failure answers 400):
 * {@code d} present, ≤ 256, {@code [A-Za-z0-9._:-]}; {@code n} present, ≤ 256; {@code u} present,
 * ≤ 2048, an http(s) URL or a path; {@code r} ≤ 2048; {@code w} 0–100000; {@code p} ≤ 4096 and a JSON
 * object; {@code uid} ≤ 256; {@code e} 0–86400000 and {@code sd} 0–100. Text fields may not hold
 * control characters. Revenue with an unknown currency is dropped, not refused; a blank {@code uid}
 * is no {@code uid}. {@code e} and {@code sd} are kept only on an {@code engagement} event that
 * carries both (other events have no use for them).
 *
 * <p>{@code userKey} is the site's own identifier of a signed-in user: it only ever feeds the visitor
 * id's hash and is dropped with the rest of the hit.
 */
public record Hit(SiteId site, EventName name, PageUrl page, String referrer, Integer width, Props props, Revenue revenue,
                  String userKey, Engagement engagement) {
    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_USER_KEY_LENGTH = 256;
    public static final int MAX_WIDTH = 100_000;

    public static Hit validate(TrackingRequest request) {
        String d = required("d", request.d(), SiteId.MAX_LENGTH);
        if (!SiteId.isValid(d)) {
            throw new InvalidEventException("d", "d must match [A-Za-z0-9._:-]{1,256}");
        }
        String n = required("n", request.n(), EventName.MAX_LENGTH);
        String u = required("u", request.u(), MAX_URL_LENGTH);
        PageUrl page = PageUrl.parse(u)
                .orElseThrow(() -> new InvalidEventException("u", "u must be an http(s) URL or a path"));
        String r = optional("r", request.r(), MAX_URL_LENGTH);
        Integer w = request.w();
        inRange("w", w, MAX_WIDTH);
        Props props = null;
        if (request.p() != null) {
            if (request.p().length() > Props.MAX_LENGTH) {
                throw new InvalidEventException("p", "p must be at most " + Props.MAX_LENGTH + " characters");
            }
            props = new Props(request.p());
        }
        Revenue revenue = Revenue.parse(request.ra(), request.rc()).orElse(null);
        String uid = optional("uid", request.uid(), MAX_USER_KEY_LENGTH);
        EventName name = new EventName(n.strip());
        Engagement engagement = engagement(request.e(), request.sd());
        return new Hit(new SiteId(d), name, page, r, w, props, revenue,
                uid == null || uid.isBlank() ? null : uid, name.equals(EventName.ENGAGEMENT) ? engagement : null);
    }

    private static Engagement engagement(Integer e, Integer sd) {
        inRange("e", e, Engagement.MAX_MILLIS);
        inRange("sd", sd, Engagement.MAX_DEPTH);
        return e == null || sd == null ? null : new Engagement(e, sd);
    }

    private static void inRange(String field, Integer value, int max) {
        if (value != null && (value < 0 || value > max)) {
            throw new InvalidEventException(field, field + " must be between 0 and " + max);
        }
    }

    private static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field, field + " is required");
        }
        return optional(field, value, maxLength);
    }

    private static String optional(String field, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new InvalidEventException(field, field + " must be at most " + maxLength + " characters");
        }
        if (Text.hasControlCharacter(value)) {
            throw new InvalidEventException(field, field + " must not contain control characters");
        }
        return value;
    }
}
