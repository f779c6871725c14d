package io.mallard.application.behavior;

import java.util.List;

/**
 * Visitors whose events match the pattern ({@code converting}), every visitor of the question,
 * the rate, and the number of non-overlapping matches over all visitors. {@code skipped} visitors
 * had too many events to search within the step budget and are left out of the counts (a warning
 * says so).
 */
public record SequenceReport(String pattern, long converting, long visitors, double conversionRate, long matches,
                             long skipped, List<String> warnings) {
}
