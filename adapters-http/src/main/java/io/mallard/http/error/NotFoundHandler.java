package io.mallard.http.error;

import io.mallard.application.validation.NotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A request naming a site or user that does not exist: 404 naming the input. */
@Produces
@Singleton
public class NotFoundHandler implements ExceptionHandler<NotFoundException, HttpResponse<ErrorBody>> {
    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, NotFoundException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.NOT_FOUND).body(ErrorBody.of(exception.getMessage(), exception.field()));
    }
}
