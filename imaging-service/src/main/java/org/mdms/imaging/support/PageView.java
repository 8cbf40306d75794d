package org.mdms.imaging.support;

import java.util.List;

/** One page of a list, the shape every MDMS list uses. */
public record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <T> PageView<T> of(List<T> items, PageRequest request, long total) {
        return new PageView<>(items, request.page(), request.size(), total,
                (int) ((total + request.size() - 1) / request.size()));
    }
}
