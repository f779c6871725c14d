package io.mallard.http.error;

import io.mallard.application.account.AccessDeniedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A signed-in caller asking for a site it was not granted: 403. */
@Produces
@Singleton
public class AccessDeniedHandler implements ExceptionHandler<AccessDeniedException, HttpResponse<ErrorBody>> {
    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, AccessDeniedException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.FORBIDDEN).body(ErrorBody.of(exception.getMessage(), "site_id"));
    }
}
