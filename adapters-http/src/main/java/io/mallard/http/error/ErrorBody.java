package io.mallard.http.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Every error answer: {@code {"error": "...", "field": "..."}} ({@code field} only when one input is at fault). */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, @Nullable String field) {
    public static ErrorBody of(String error, @Nullable String field) {
        return new ErrorBody(error, field);
    }
}
