package io.mallard.http.security;

import io.mallard.application.account.Access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a route. Every controller (or each of its methods) declares one; {@link AccessFilter}
 * enforces it and refuses a route that has none, and the authorization matrix test fails on it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AccessRule {
    Access value();
}
