package org.mdms.records.alert;

import io.restassured.RestAssured;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.mdms.records.Pause.pause;

/** A real HTTP client reading a server-sent event stream line by line, as a browser's EventSource would. */
final class EventStream implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    final List<String> data = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;
    private final CompletableFuture<Instant> ended = new CompletableFuture<>();
    private volatile String contentType;
    private volatile int status;

    EventStream(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        response = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(answer -> {
            status = answer.statusCode();
            contentType = answer.headers().firstValue("Content-Type").orElse("");
            try {
                answer.body().filter(line -> line.startsWith("data:")).forEach(line -> data.add(line.substring(5)));
            } finally {
                ended.complete(Instant.now());
            }
        });
    }

    /** The status and media type once the answer's head arrived (the stream sends its head at once). */
    int status() throws Exception {
        response.get(10, TimeUnit.SECONDS);
        waitFor(() -> status != 0);
        return status;
    }

    String contentType() throws Exception {
        status();
        return contentType;
    }

    /** The first event whose data matches, within the bound; null when none came. */
    String await(Predicate<String> wanted, Duration bound) {
        Instant until = Instant.now().plus(bound);
        while (Instant.now().isBefore(until)) {
            for (String line : data) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            pause(50);
        }
        return null;
    }

    /** When the server ended the stream, within the bound; null when it is still open. */
    Instant awaitEnd(Duration bound) {
        try {
            return ended.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException stillOpen) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        Instant until = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean() && Instant.now().isBefore(until)) {
            pause(20);
        }
    }

    @Override
    public void close() {
        response.thenAccept(answer -> answer.body().close());
        response.cancel(true);
    }
}
