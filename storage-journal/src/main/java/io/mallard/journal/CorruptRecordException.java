package io.mallard.journal;

/** A journal record that is torn (the process died while writing it) or damaged; replay stops there. */
final class CorruptRecordException extends RuntimeException {
    CorruptRecordException(String message) {
        super(message);
    }
}
