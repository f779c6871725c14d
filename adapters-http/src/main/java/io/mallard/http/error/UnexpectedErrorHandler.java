package io.mallard.http.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Anything unforeseen: 500 with an error id that also appears in the log (the request path is
 * logged, never its headers or body: they may hold an IP or User-Agent).
 */
@Produces
@Singleton
public class UnexpectedErrorHandler implements ExceptionHandler<RuntimeException, HttpResponse<ErrorBody>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, RuntimeException exception) {
        String id = UUID.randomUUID().toString();
        LOG.error("error {} on {} {}", id, request.getMethod(), request.getPath(), exception);
        return HttpResponse.serverError(ErrorBody.of("internal error " + id, null));
    }
}
