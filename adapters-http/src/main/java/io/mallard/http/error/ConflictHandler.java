package io.mallard.http.error;

import io.mallard.application.validation.ConflictException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Setup after an owner exists, a taken username or site id: 409. */
@Produces
@Singleton
public class ConflictHandler implements ExceptionHandler<ConflictException, HttpResponse<ErrorBody>> {
    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, ConflictException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.CONFLICT).body(ErrorBody.of(exception.getMessage(), null));
    }
}
