package io.mallard.http.benchmark;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The baseline of the ingestion benchmark: the same server answering 202 to the same request
 * without doing anything. Exists only when the JVM runs with {@code -Dmallard.benchmark=true}
 * (set by {@code scripts/bench/ingest.sh}, never by configuration).
 */
@Controller("/bench/noop")
@Requires(property = "mallard.benchmark", value = "true")
public class NoopController {
    @Post(consumes = MediaType.ALL)
    public HttpResponse<?> accept(@Body byte[] body) {
        return HttpResponse.accepted();
    }

    /** The same, dispatched to the blocking executor as ingestion is: isolates the cost of that hop. */
    @Post(value = "/blocking", consumes = MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> acceptOnBlockingExecutor(@Body byte[] body) {
        return HttpResponse.accepted();
    }
}
