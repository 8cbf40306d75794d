package org.mdms.records.console;

import org.mdms.records.common.Page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Links to a page's neighbours, keeping the filters that produced it (null at either end). */
public record Pager(Page<?> page, String path, Map<String, String> filters) {

    static Pager of(Page<?> page, String path, Map<String, String> filters) {
        Map<String, String> kept = new LinkedHashMap<>();
        filters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                kept.put(name, value);
            }
        });
        return new Pager(page, path, kept);
    }

    public String previousUrl() {
        return page.page() > 0 ? url(page.page() - 1) : null;
    }

    public String nextUrl() {
        return page.page() + 1 < page.totalPages() ? url(page.page() + 1) : null;
    }

    public int pageNumber() {
        return page.page() + 1;
    }

    private String url(int target) {
        String query = filters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return path + "?" + (query.isEmpty() ? "" : query + "&") + "page=" + target;
    }
}
