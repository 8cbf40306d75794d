package org.mdms.imaging.support;

import java.util.List;
import java.util.function.Function;
import org.mdms.common.PageRequest;

/** One page of a list, the shape every MDMS list uses. */
public record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <T> PageView<T> of(List<T> items, PageRequest request, long total) {
        return new PageView<>(items, request.page(), request.size(), total,
                (int) ((total + request.size() - 1) / request.size()));
    }

    /** The same page with each item mapped (entity to API record). */
    public <R> PageView<R> map(Function<T, R> mapper) {
        return new PageView<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
    }
}
