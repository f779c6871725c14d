package io.mallard.http.error;

import io.mallard.application.account.AccountConflictException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Setup after an owner exists, a taken username: 409. */
@Produces
@Singleton
public class AccountConflictHandler implements ExceptionHandler<AccountConflictException, HttpResponse<ErrorBody>> {
    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, AccountConflictException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.CONFLICT).body(ErrorBody.of(exception.getMessage(), null));
    }
}
