package io.mallard.application.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an entry point (an HTTP route). Every controller (or each of its methods) declares one; the HTTP access filter
 * enforces it and refuses a route that has none, and the authorization matrix test fails on it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AccessRule {
    Access value();
}
