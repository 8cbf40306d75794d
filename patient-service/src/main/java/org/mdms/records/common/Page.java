package org.mdms.records.common;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;
import org.mdms.common.PageRequest;

/** One page of a list: every list endpoint answers with this shape. */
public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        int totalPages = (int) ((totalItems + request.size() - 1) / request.size());
        return new Page<>(items, request.page(), request.size(), totalItems, totalPages);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
    }

    /** Runs a Panache query for one page and its total count. */
    public static <E, V> Uni<Page<V>> of(PanacheQuery<E> query, PageRequest request, Function<E, V> mapper) {
        PanacheQuery<E> paged = query.page(request.panachePage());
        return paged.list().chain(items -> paged.count()
                .map(total -> Page.of(items.stream().map(mapper).toList(), request, total)));
    }
}
