package io.mallard.http.error;

import io.mallard.application.ingest.InvalidEventException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A request breaking the ingestion contract: 400 naming the offending field. */
@Produces
@Singleton
public class InvalidEventHandler implements ExceptionHandler<InvalidEventException, HttpResponse<ErrorBody>> {
    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, InvalidEventException exception) {
        return HttpResponse.badRequest(ErrorBody.of(exception.getMessage(), exception.field()));
    }
}
