package io.mallard.domain.page;

import java.util.Map;

/**
 * Campaign parameters of a page URL, URL-decoded ({@code utm_campaign=spring%20sale} → {@code spring sale}).
 * Blank values count as absent. Values are capped at 256 characters.
 */
public record Utm(String source, String medium, String campaign, String content, String term) {
    public static final Utm NONE = new Utm(null, null, null, null, null);
    private static final int MAX_LENGTH = 256;

    static Utm fromQuery(Map<String, String> parameters) {
        return new Utm(
                value(parameters, "utm_source"),
                value(parameters, "utm_medium"),
                value(parameters, "utm_campaign"),
                value(parameters, "utm_content"),
                value(parameters, "utm_term"));
    }

    private static String value(Map<String, String> parameters, String key) {
        String value = parameters.get(key);
        if (value == null || value.isBlank() || io.mallard.domain.event.Text.hasControlCharacter(value)) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.length() > MAX_LENGTH ? trimmed.substring(0, MAX_LENGTH) : trimmed;
    }
}
