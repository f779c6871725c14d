package io.mallard.http.error;

import io.mallard.application.stats.TooBusyException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Too many stats queries running: 429 with Retry-After. */
@Produces
@Singleton
public class TooBusyHandler implements ExceptionHandler<TooBusyException, HttpResponse<ErrorBody>> {
    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, TooBusyException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Integer.toString(exception.retryAfterSeconds()))
                .body(ErrorBody.of(exception.getMessage(), null));
    }
}
