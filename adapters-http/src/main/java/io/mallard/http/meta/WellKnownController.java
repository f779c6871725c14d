package io.mallard.http.meta;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessRule;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** Crawler policy and the RFC 9116 security contact. */
@AccessRule(Access.PUBLIC)
@Controller
public class WellKnownController {
    static final String ROBOTS = "User-agent: *\nDisallow: /\n";
    static final String SECURITY = """
            Contact: https://github.com/mallard-metrics-jvm/mallard-metrics/security/advisories/new
            Expires: 2027-12-31T23:59:59Z
            Preferred-Languages: en
            Policy: https://github.com/mallard-metrics-jvm/mallard-metrics/blob/main/SECURITY.md
            """;

    @Get(value = "/robots.txt", produces = MediaType.TEXT_PLAIN)
    public String robots() {
        return ROBOTS;
    }

    @Get(value = "/.well-known/security.txt", produces = MediaType.TEXT_PLAIN)
    public String security() {
        return SECURITY;
    }
}
