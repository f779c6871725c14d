package io.mallard.http.error;

import io.mallard.application.storage.StorageUnavailableException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Storage failed: 503 with Retry-After, so a tracker or client may retry; the cause is logged, not sent. */
@Produces
@Singleton
public class StorageUnavailableHandler implements ExceptionHandler<StorageUnavailableException, HttpResponse<ErrorBody>> {
    private static final Logger LOG = LoggerFactory.getLogger(StorageUnavailableHandler.class);

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, StorageUnavailableException exception) {
        LOG.error("{} {}: {}", request.getMethod(), request.getPath(), exception.getMessage());
        return HttpResponse.<ErrorBody>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(ErrorBody.of("storage is unavailable, retry later", null));
    }
}
