package io.mallard.http.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mallard.application.ingest.InvalidEventException;
import io.mallard.application.ingest.TrackingRequest;
import io.mallard.domain.event.Props;
import io.mallard.http.json.JsonBody;

import java.util.Map;

/**
 * Reads the tracker's JSON body into a {@link TrackingRequest}, checking JSON types: {@code d n u r
 * rc uid} strings, {@code w e sd} integers, {@code ra} a number, {@code p} a JSON-encoded object (a string,
 * as the reference's tracker sends it; an object is accepted too). Unknown keys are ignored (other
 * trackers send more); duplicate keys and malformed or non-UTF-8 JSON are refused.
 */
final class TrackingPayload {
    private static final ObjectMapper JSON = JsonBody.mapper();

    private TrackingPayload() {
    }

    static TrackingRequest fromJson(byte[] body) {
        JsonBody json = JsonBody.parse(body);
        return new TrackingRequest(json.optionalText("d"), json.optionalText("n"), json.optionalText("u"),
                json.optionalText("r"), json.optionalInteger("w"), props(json.raw("p")), json.optionalNumber("ra"),
                json.optionalText("rc"), json.optionalText("uid"), json.optionalInteger("e"), json.optionalInteger("sd"));
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
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed == null || !parsed.isObject()) {
                throw new InvalidEventException("p", "p must be a JSON object");
            }
            return parsed;
        } catch (JsonProcessingException malformed) {
            throw new InvalidEventException("p", "p must be a JSON object");
        }
    }
}
