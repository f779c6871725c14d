package io.mallard.http.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mallard.application.ingest.InvalidEventException;
import io.mallard.application.ingest.TrackingRequest;
import io.mallard.domain.event.Props;
import io.mallard.http.json.JsonBody;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a tracking body into {@link TrackingRequest}s, checking JSON types. Two spellings are read:
 * the tracker's ({@code d n u r p ra rc uid w e sd}) and Plausible's Events API ({@code domain name
 * url referrer props revenue}; {@code m} and {@code $} from its script), one or the other per field.
 * {@code props} is an object or a JSON-encoded object (as the reference's tracker sends it);
 * {@code revenue} is {@code {"currency": "EUR", "amount": 12.5}} with the amount a number or a
 * numeric string, as Plausible takes it. {@code domain} may be a comma-separated list (at most
 * {@value #MAX_DOMAINS}): the event is sent to each site, one request per domain. Unknown keys are
 * ignored (other trackers send more); duplicate keys and malformed or non-UTF-8 JSON are refused.
 */
final class TrackingPayload {
    /** The most sites one body may name in {@code domain}. */
    static final int MAX_DOMAINS = 10;
    private static final ObjectMapper JSON = JsonBody.mapper();

    private TrackingPayload() {
    }

    static List<TrackingRequest> fromJson(byte[] body) {
        JsonBody json = JsonBody.parse(body);
        String name = text(json, "n", "name");
        String url = text(json, "u", "url");
        String referrer = text(json, "r", "referrer");
        String props = props(one(json, "p", "props", "m"));
        Double amount = json.optionalNumber("ra");
        String currency = json.optionalText("rc");
        JsonNode revenue = one(json, "revenue", "$");
        if (revenue != null && !revenue.isNull()) {
            if (amount != null || currency != null) {
                throw new InvalidEventException("revenue", "give revenue or ra and rc, not both");
            }
            JsonNode object = revenue.isTextual() ? parseObject("revenue", revenue.textValue()) : revenue;
            if (!object.isObject()) {
                throw new InvalidEventException("revenue", "revenue must be an object with currency and amount");
            }
            currency = revenueCurrency(object.get("currency"));
            amount = revenueAmount(object.get("amount"));
        }
        List<TrackingRequest> requests = new ArrayList<>();
        for (String domain : domains(text(json, "d", "domain"))) {
            requests.add(new TrackingRequest(domain, name, url, referrer, json.optionalInteger("w"), props, amount, currency,
                    json.optionalText("uid"), json.optionalInteger("e"), json.optionalInteger("sd")));
        }
        return requests;
    }

    /** The value of whichever of the spellings is given; an error naming both when more than one is. */
    private static JsonNode one(JsonBody json, String... spellings) {
        JsonNode found = null;
        String foundAs = null;
        for (String spelling : spellings) {
            JsonNode value = json.raw(spelling);
            if (value != null && !value.isNull()) {
                if (found != null) {
                    throw new InvalidEventException(spelling, "give " + foundAs + " or " + spelling + ", not both");
                }
                found = value;
                foundAs = spelling;
            }
        }
        return found;
    }

    private static String text(JsonBody json, String shortName, String longName) {
        one(json, shortName, longName);
        String value = json.optionalText(shortName);
        return value != null ? value : json.optionalText(longName);
    }

    /** The sites a body names: one, or a comma-separated list (trimmed, each once); a list of one null when none (refused later as missing). */
    private static List<String> domains(String domain) {
        if (domain == null || domain.indexOf(',') < 0) {
            return java.util.Collections.singletonList(domain);
        }
        List<String> domains = java.util.Arrays.stream(domain.split(",")).map(String::strip).filter(part -> !part.isEmpty()).distinct().toList();
        if (domains.isEmpty() || domains.size() > MAX_DOMAINS) {
            throw new InvalidEventException("domain", "domain must name 1 to " + MAX_DOMAINS + " sites, separated by commas");
        }
        return domains;
    }

    private static String revenueCurrency(JsonNode currency) {
        if (currency == null || !currency.isTextual()) {
            throw new InvalidEventException("revenue", "revenue.currency must be a string (an ISO 4217 code)");
        }
        return currency.textValue();
    }

    private static Double revenueAmount(JsonNode amount) {
        if (amount != null && amount.isNumber()) {
            return amount.doubleValue();
        }
        if (amount != null && amount.isTextual()) {
            try {
                double parsed = Double.parseDouble(amount.textValue().strip());
                if (Double.isFinite(parsed)) {
                    return parsed;
                }
            } catch (NumberFormatException notANumber) {
                // refused below
            }
        }
        throw new InvalidEventException("revenue", "revenue.amount must be a number or a numeric string");
    }

    /** The pixel's query parameters: all text, converted and checked like the JSON body. */
    static TrackingRequest fromQuery(Map<String, String> query) {
        return new TrackingRequest(query.get("d"), query.get("n"), query.get("u"), query.get("r"), integer(query, "w"),
                query.get("p") == null ? null : props(parseProps(query.get("p"))), null, null,
                query.get("uid"), integer(query, "e"), integer(query, "sd"));
    }

    private static Integer integer(Map<String, String> query, String key) {
        String text = query.get(key);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidEventException(key, key + " must be an integer");
        }
    }

    private static String props(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        JsonNode object = value.isTextual() ? parseProps(value.textValue()) : value;
        if (!object.isObject()) {
            throw new InvalidEventException("p", "p must be a JSON object");
        }
        try {
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException impossible) {
            throw new InvalidEventException("p", "p must be a JSON object");
        }
    }

    private static JsonNode parseProps(String text) {
        if (text.length() > Props.MAX_LENGTH) {
            throw new InvalidEventException("p", "p must be at most " + Props.MAX_LENGTH + " characters");
        }
        return parseObject("p", text);
    }

    private static JsonNode parseObject(String field, String text) {
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed == null || !parsed.isObject()) {
                throw new InvalidEventException(field, field + " must be a JSON object");
            }
            return parsed;
        } catch (JsonProcessingException malformed) {
            throw new InvalidEventException(field, field + " must be a JSON object");
        }
    }
}
