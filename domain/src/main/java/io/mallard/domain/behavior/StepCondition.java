package io.mallard.domain.behavior;

import io.mallard.domain.event.EventName;
import io.mallard.domain.stats.Dimension;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an event must be to count as a step of a funnel, sequence or flow, written as in the
 * reference: {@code page:/pricing} (a pageview; {@code *} in the path stands for any run of
 * characters) or {@code event:signup}, optionally {@code event:purchase[plan=pro]} (a custom event
 * with a property of that value), or {@code any} event. A list is comma-separated.
 */
public sealed interface StepCondition {
    int MAX_PATH_LENGTH = 2_000;
    int MAX_PROP_VALUE_LENGTH = 2_000;

    /** The step as written. */
    String label();

    /** Any event at all, pageview or custom: written {@code any}. */
    record AnyEvent() implements StepCondition {
        @Override
        public String label() {
            return "any";
        }
    }

    /** A pageview whose path matches {@code path}, where {@code *} stands for any run of characters. */
    record Page(String path) implements StepCondition {
        public Page {
            if (path == null || !path.startsWith("/") || path.length() > MAX_PATH_LENGTH) {
                throw new IllegalArgumentException("a page step is page:/path (1-" + MAX_PATH_LENGTH + " characters, starting with /)");
            }
        }

        @Override
        public String label() {
            return "page:" + path;
        }

        /**
         * Whether {@code pathname} matches the whole pattern, {@code *} matching any run of
         * characters (SQL {@code LIKE} with {@code *} as {@code %} and nothing else special). Greedy
         * with one backtrack point, so linear in practice and never exponential.
         */
        public boolean matches(String pathname) {
            int p = 0;
            int t = 0;
            int star = -1;
            int resume = 0;
            while (t < pathname.length()) {
                if (p < path.length() && path.charAt(p) == '*') {
                    star = p++;
                    resume = t;
                } else if (p < path.length() && path.charAt(p) == pathname.charAt(t)) {
                    p++;
                    t++;
                } else if (star >= 0) {
                    p = star + 1;
                    t = ++resume;
                } else {
                    return false;
                }
            }
            while (p < path.length() && path.charAt(p) == '*') {
                p++;
            }
            return p == path.length();
        }
    }

    /** A custom event of this name; with a property key, only when that property has this value. */
    record CustomEvent(EventName name, String propKey, String propValue) implements StepCondition {
        public CustomEvent {
            if (name.equals(EventName.PAGEVIEW)) {
                throw new IllegalArgumentException("pageviews are page:/path steps, not event:pageview");
            }
            if (propKey != null) {
                Dimension.checkedPropKey(propKey);
                if (propValue == null || propValue.length() > MAX_PROP_VALUE_LENGTH) {
                    throw new IllegalArgumentException("a property value is at most " + MAX_PROP_VALUE_LENGTH + " characters");
                }
            }
        }

        @Override
        public String label() {
            return "event:" + name.value() + (propKey == null ? "" : "[" + propKey + "=" + propValue + "]");
        }
    }

    Pattern EVENT = Pattern.compile("event:([^\\[\\]]+?)(?:\\[([^=\\]]+)=([^\\]]*)])?");

    static StepCondition parse(String text) {
        String step = text.strip();
        if (step.equals("any")) {
            return new AnyEvent();
        }
        if (step.startsWith("page:")) {
            return new Page(step.substring("page:".length()));
        }
        Matcher event = EVENT.matcher(step);
        if (event.matches()) {
            return new CustomEvent(new EventName(event.group(1).strip()), event.group(2), event.group(3));
        }
        throw new IllegalArgumentException("a step is page:/path or event:name, optionally event:name[property=value]; got '"
                + (step.length() > 60 ? step.substring(0, 60) + "…" : step) + "'");
    }

    /** A comma-separated list of {@code min} to {@code max} steps. */
    static List<StepCondition> parseList(String text, int min, int max) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("give " + min + " to " + max + " comma-separated steps, e.g. page:/,event:signup");
        }
        List<StepCondition> steps = new ArrayList<>();
        for (String step : text.split(",", -1)) {
            steps.add(parse(step));
            if (steps.size() > max) {
                break;
            }
        }
        if (steps.size() < min || steps.size() > max) {
            throw new IllegalArgumentException("give " + min + " to " + max + " steps, got " + (steps.size() > max ? "more" : steps.size()));
        }
        return List.copyOf(steps);
    }
}
