package io.mallard.bootstrap;

import io.micronaut.context.exceptions.BeanContextException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * A start that failed, told in a few plain lines: the message of the outermost failure that is
 * not the framework's wrapper (ours name the file or setting at fault and carry the cause's
 * message), and what to do about a damaged data directory. The stack trace goes to the log at
 * DEBUG only.
 */
final class StartupFailure {
    private static final Logger LOG = LoggerFactory.getLogger(StartupFailure.class);

    private StartupFailure() {
    }

    static void report(Throwable failure, Path dataDir) {
        System.err.println("mallard-metrics: cannot start: " + cause(failure));
        System.err.println("  Data directory: " + dataDir.toAbsolutePath() + ". A damaged file there is restored from a backup "
                + "(README, Backups); move nothing out of it by hand.");
        LOG.debug("start-up failed", failure);
    }

    /** The first line of the outermost message that is not one of the framework's wrappers. */
    static String cause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            boolean frameworkWrapper = cause instanceof BeanContextException || cause.getClass().getName().startsWith("io.micronaut.");
            if (!frameworkWrapper && cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage().lines().findFirst().orElseThrow().strip();
            }
        }
        return failure.toString();
    }
}
