package io.mallard.http.error;

import io.mallard.application.validation.InvalidInputException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A request value breaking its contract (an event, a password, a site…): 400 naming the offending field. */
@Produces
@Singleton
public class InvalidInputHandler implements ExceptionHandler<InvalidInputException, HttpResponse<ErrorBody>> {
    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, InvalidInputException exception) {
        return HttpResponse.badRequest(ErrorBody.of(exception.getMessage(), exception.field()));
    }
}
