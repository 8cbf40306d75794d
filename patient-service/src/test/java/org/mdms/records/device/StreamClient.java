package org.mdms.records.device;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A device's stream as a monitor opens it: the JDK's WebSocket client, the credential in the upgrade's header. */
final class StreamClient implements WebSocket.Listener, AutoCloseable {

    record Closed(int code, String reason) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static URI uri(long device) {
        return URI.create("ws://localhost:" + RestAssured.port + "/api/v1/devices/" + device + "/stream");
    }

    /** Opens the stream, or fails with the upgrade's refusal (a WebSocketHandshakeException as the cause). */
    static CompletableFuture<StreamClient> open(long device, String authorization) {
        StreamClient client = new StreamClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.buildAsync(uri(device), client).thenApply(socket -> {
            client.socket = socket;
            return client;
        });
    }

    static StreamClient connect(long device, String authorization) throws Exception {
        return open(device, authorization).get(20, TimeUnit.SECONDS);
    }

    void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** The next frame the service sent, as JSON; fails after 20 s. */
    JsonPath answer() throws InterruptedException {
        String text = frames.poll(20, TimeUnit.SECONDS);
        if (text == null) {
            throw new AssertionError("no answer from the stream within 20 s (closed: " + closed.getNow(null) + ")");
        }
        return JsonPath.from(text);
    }

    Closed closed() throws Exception {
        return closed.get(20, TimeUnit.SECONDS);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
