package io.mallard.http.error;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Optional;

/**
 * The errors Micronaut answers itself (no such route, method not allowed, a path variable or query
 * value of the wrong type, a body past the size limit) in the same {@link ErrorBody} shape as ours,
 * instead of its default HAL document. The message never repeats the offending value.
 */
@Singleton
@Primary
public class JsonErrorResponses implements ErrorResponseProcessor<ErrorBody> {
    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<ErrorBody> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<ErrorBody>) response;
        }
        Optional<String> field = context.getErrors().stream().findFirst().flatMap(Error::getPath)
                .map(path -> path.startsWith("/") ? path.substring(1) : path).filter(path -> !path.isBlank());
        String message = field.map(name -> name + " has an invalid value")
                .orElseGet(() -> response.getStatus().getReason().toLowerCase(Locale.ROOT));
        MutableHttpResponse<ErrorBody> answer = ((MutableHttpResponse<ErrorBody>) response).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(ErrorBody.of(message, field.orElse(null)));
        if (response.getStatus() == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            // A request line or headers past Netty's limits: the connection is closed after this answer.
            // Saying so keeps a client from reusing it and racing the close.
            answer.header(HttpHeaders.CONNECTION, "close");
        }
        return answer;
    }
}
