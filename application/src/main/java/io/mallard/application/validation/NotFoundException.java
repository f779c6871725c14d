package io.mallard.application.validation;

/** The request names something that does not exist (a site, a user); {@link #field()} names the input. Maps to 404. */
public class NotFoundException extends RuntimeException {
    private final String field;

    public NotFoundException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
