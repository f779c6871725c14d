package io.mallard.application.validation;

/** A refused request that names the input at fault ({@link #field()}, may be null); the HTTP edge maps each kind to its status. */
public abstract class FieldError extends RuntimeException {
    private final String field;

    protected FieldError(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
