package io.mallard.application.ingest;

import io.mallard.application.agent.UserAgent;
import io.mallard.application.agent.UserAgentParser;

/** Reads browser, OS and device from the User-Agent; drops what the parser calls a robot when bots are filtered. */
public record ParseUserAgent(UserAgentParser parser, boolean filterBots) implements IngestStep {
    /** A User-Agent seen before is a cache lookup; a new one is analysed (up to milliseconds). */
    @Override
    public boolean mayBlock(ClientContext client) {
        String header = client.userAgent();
        return header != null && !header.isBlank() && !parser.isCached(header);
    }

    @Override
    public StepResult apply(PendingEvent event) {
        String header = event.client().userAgent();
        UserAgent agent = header == null || header.isBlank() ? UserAgent.UNKNOWN : parser.parse(header);
        if (filterBots && agent.robot()) {
            return new StepResult.Drop(DropReason.ROBOT_AGENT);
        }
        return new StepResult.Continue(event.withAgent(agent));
    }
}
