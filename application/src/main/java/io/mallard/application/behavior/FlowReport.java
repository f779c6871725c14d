package io.mallard.application.behavior;

import java.util.List;

/**
 * The paths visitors took from a page: {@code visitors} saw the page; each path lists the next
 * (or previous) pages in walking order, with the visitors who took exactly it. A path is shorter
 * than the depth when the visitor's pageviews ran out; visitors with no page beyond are not in
 * {@code paths}. Sorted by visitors, then by path.
 */
public record FlowReport(long visitors, List<Path> paths) {

    public record Path(List<String> pages, long visitors) {
    }
}
