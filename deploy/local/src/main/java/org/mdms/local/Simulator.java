package org.mdms.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ./mdms simulate: bedside monitors streaming into the running patient-service. It registers devices SIM-0001...
 * (or reuses them), assigns each to a patient of its own (SIM-0001... MRNs, created when missing), issues their
 * credentials through the admin API, then every 1/rate seconds sends each device's readings (VitalWalk: four
 * readings, one per vital type) as one frame of its WebSocket stream. Frames wait for their acknowledgement; a
 * stream closed by the service (1013 when it is busy) is reopened and its unacknowledged frames are resent, so what
 * was sent is accounted for: sent = accepted + duplicates + refused + unacknowledged.
 */
public final class Simulator {

    /** The readings' fate, counted from the acknowledgements. */
    public record Totals(long sent, long accepted, long duplicates, long refused, long abnormal, long unacknowledged,
                         long reconnects, long skippedTicks) {
    }

    /**
     * --devices, --rate (frames per device per second), --seconds (0 = until stopped), --deteriorating share,
     * --frames-ahead (frames a device sends before it waits for their acknowledgements; at most the service's
     * mdms.devices.ingest.stream-frames-ahead, 8 by default).
     */
    public record Options(String url, int devices, double rate, int seconds, double deteriorating, long seed,
                          String user, String password, int framesAhead) {
        static Options parse(List<String> args) {
            return new Options(Main.option(args, "--url", "http://127.0.0.1:" + Settings.port("mdms.patient.port",
                    8081)), Integer.parseInt(Main.option(args, "--devices", "200")),
                    Double.parseDouble(Main.option(args, "--rate", "1")),
                    Integer.parseInt(Main.option(args, "--seconds", "0")),
                    Double.parseDouble(Main.option(args, "--deteriorating", "0.1")),
                    Long.parseLong(Main.option(args, "--seed", "42")),
                    Settings.get("mdms.admin.user", "admin"), Settings.get("mdms.admin.password", "mdms-demo"),
                    Integer.parseInt(Main.option(args, "--frames-ahead", "8")));
        }
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong abnormal = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean stopping;

    public Simulator(Options options) {
        this.options = options;
    }

    static int command(List<String> args) throws Exception {
        Options options = Options.parse(args);
        Simulator simulator = new Simulator(options);
        Totals totals = simulator.run(line -> System.out.println("[simulate] " + line));
        return totals.unacknowledged() == 0 ? 0 : 1;
    }

    /** Sets the devices up, streams for options.seconds (forever when 0), waits for the last acknowledgements. */
    public Totals run(java.util.function.Consumer<String> log) throws Exception {
        List<Monitor> monitors = setUp(log);
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        long periodMicros = Math.max(1, Math.round(1_000_000 / options.rate()));
        long started = System.nanoTime();
        clock.scheduleAtFixedRate(() -> monitors.forEach(Monitor::tick), 0, periodMicros, TimeUnit.MICROSECONDS);
        Totals last = totals(monitors);
        long lastAt = started;
        long end = options.seconds() == 0 ? Long.MAX_VALUE : started + TimeUnit.SECONDS.toNanos(options.seconds());
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(5_000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            Totals now = totals(monitors);
            long at = System.nanoTime();
            double seconds = (at - lastAt) / 1e9;
            log.accept(String.format("%.0f s: sent %.0f readings/s, accepted %.0f/s, refused %.0f/s, duplicates "
                            + "%.0f/s; %d readings waiting for their acknowledgement, %d reconnects",
                    (at - started) / 1e9, (now.sent() - last.sent()) / seconds,
                    (now.accepted() - last.accepted()) / seconds, (now.refused() - last.refused()) / seconds,
                    (now.duplicates() - last.duplicates()) / seconds, now.unacknowledged(), now.reconnects()));
            last = now;
            lastAt = at;
        }
        stopping = true;
        clock.shutdown();
        clock.awaitTermination(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        for (int i = 0; i < 300 && totals(monitors).unacknowledged() > 0; i++) {
            Thread.sleep(100); // the last acknowledgements (reconnects still resend)
        }
        monitors.forEach(Monitor::close);
        Totals totals = totals(monitors);
        log.accept(String.format("done: %d devices for %.1f s; sent %d readings (%.0f/s), accepted %d, duplicates "
                        + "%d, refused %d, abnormal %d, unacknowledged %d, reconnects %d, ticks skipped %d",
                monitors.size(), seconds, totals.sent(), totals.sent() / seconds, totals.accepted(),
                totals.duplicates(), totals.refused(), totals.abnormal(), totals.unacknowledged(),
                totals.reconnects(), totals.skippedTicks()));
        return totals;
    }

    private Totals totals(List<Monitor> monitors) {
        long waiting = monitors.stream().mapToLong(Monitor::unacknowledgedReadings).sum();
        return new Totals(sent.get(), accepted.get(), duplicates.get(), refused.get(), abnormal.get(), waiting,
                reconnects.get(), skipped.get());
    }

    // --- set-up through the admin API

    private List<Monitor> setUp(java.util.function.Consumer<String> log) throws Exception {
        String token = Seeder.login(http, options.url(), options.user(), options.password());
        Random random = new Random(options.seed());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Monitor>> work = new ArrayList<>();
        for (int i = 1; i <= options.devices(); i++) {
            String name = String.format("SIM-%04d", i);
            VitalWalk walk = new VitalWalk(new Random(random.nextLong()));
            boolean worsens = random.nextDouble() < options.deteriorating();
            int worsensAfter = 10 + random.nextInt(50);
            work.add(pool.submit(() -> {
                long device = device(token, name);
                assign(token, device, name);
                String authorization = field(call("POST", "/api/v1/devices/" + device + "/credentials", token, "",
                        200).body(), "authorization");
                return new Monitor(device, authorization, walk, worsens ? worsensAfter : -1);
            }));
        }
        List<Monitor> monitors = new ArrayList<>();
        for (Future<Monitor> monitor : work) {
            monitors.add(monitor.get());
        }
        pool.shutdown();
        for (Monitor monitor : monitors) {
            monitor.connect();
        }
        // the clock starts once the monitors are connected (a ward's monitors are on before they are measured), so
        // skipped ticks count only devices held back by unacknowledged frames
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (monitors.stream().anyMatch(m -> m.current() == null) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        log.accept(monitors.size() + " devices assigned and streaming to " + options.url() + " ("
                + monitors.stream().filter(m -> m.worsensAfter >= 0).count() + " of their patients will deteriorate)");
        return monitors;
    }

    private long device(String token, String serial) throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/devices", token, "{\"serialNumber\":\"" + serial
                + "\",\"type\":\"BEDSIDE_MONITOR\",\"manufacturer\":\"MDMS\",\"model\":\"simulator\"}", 0);
        if (created.statusCode() == 201) {
            return id(created.body());
        }
        return id(call("GET", "/api/v1/devices?search=" + serial + "&size=1", token, null, 200).body());
    }

    private void assign(String token, long device, String name) throws Exception {
        String history = call("GET", "/api/v1/devices/" + device + "/assignments", token, null, 200).body();
        if (history.contains("\"endedAt\":null")) {
            return; // still assigned: its readings go to that patient
        }
        HttpResponse<String> patient = call("POST", "/api/v1/patients", token, "{\"mrn\":\"" + name
                + "\",\"name\":\"模拟病人" + name.substring(4) + "\",\"gender\":\"FEMALE\","
                + "\"birthDate\":\"1950-01-01\"}", 0);
        long patientId = patient.statusCode() == 201 ? id(patient.body())
                : id(call("GET", "/api/v1/patients?mrn=" + name, token, null, 200).body());
        call("POST", "/api/v1/devices/" + device + "/assignments", token, "{\"patientId\":" + patientId + "}", 201);
    }

    private HttpResponse<String> call(String method, String path, String token, String body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.url() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (expected != 0 && response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + " "
                    + response.body());
        }
        return response;
    }

    private static long id(String json) {
        Matcher id = ID.matcher(json);
        if (!id.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return Long.parseLong(id.group(1));
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    // --- one device's stream

    /** A monitor: its walk, its stream, and the frames it sent that are not acknowledged yet. */
    private final class Monitor implements WebSocket.Listener {
        private final long device;
        private final String authorization;
        private final VitalWalk walk;
        private final int worsensAfter;
        /** Frame number on the current connection -> the frame; kept until acknowledged, resent on reconnect. */
        private final Map<Long, String> unacknowledged = new LinkedHashMap<>();
        private final Map<Long, Integer> readingsOf = new LinkedHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;
        private long frames;
        private long ticks;
        private boolean connecting;

        Monitor(long device, String authorization, VitalWalk walk, int worsensAfter) {
            this.device = device;
            this.authorization = authorization;
            this.walk = walk;
            this.worsensAfter = worsensAfter;
        }

        synchronized void connect() {
            if (connecting || stopping && unacknowledged.isEmpty()) {
                return;
            }
            connecting = true;
            URI uri = URI.create(options.url().replaceFirst("^http", "ws") + "/api/v1/devices/" + device
                    + "/stream");
            http.newWebSocketBuilder().header("Authorization", authorization).buildAsync(uri, this)
                    .whenComplete((opened, failure) -> opened(opened));
        }

        private synchronized void opened(WebSocket opened) {
            connecting = false;
            if (opened == null) {
                reconnectLater(1);
                return;
            }
            socket = opened;
            frames = 0;
            List<String> resend = new ArrayList<>(unacknowledged.values());
            List<Integer> counts = new ArrayList<>(readingsOf.values());
            unacknowledged.clear();
            readingsOf.clear();
            for (int i = 0; i < resend.size(); i++) {
                send(resend.get(i), counts.get(i));
            }
        }

        synchronized void tick() {
            if (stopping) {
                return;
            }
            if (socket == null || unacknowledged.size() >= options.framesAhead()) {
                skipped.incrementAndGet(); // a real monitor would keep them; the simulator just measures later
                return;
            }
            if (++ticks == worsensAfter) {
                walk.deteriorate();
            }
            List<VitalWalk.Reading> readings = walk.next(Instant.now().truncatedTo(ChronoUnit.MILLIS));
            StringBuilder frame = new StringBuilder("[");
            for (VitalWalk.Reading reading : readings) {
                frame.append(frame.length() == 1 ? "" : ",").append(reading.json());
            }
            sent.addAndGet(readings.size());
            send(frame.append(']').toString(), readings.size());
        }

        private void send(String frame, int readings) {
            long number = ++frames;
            unacknowledged.put(number, frame);
            readingsOf.put(number, readings);
            try {
                socket.sendText(frame, true).join();
            } catch (RuntimeException e) {
                // the stream broke: onClose/onError reconnects and resends what is unacknowledged
            }
        }

        private synchronized WebSocket current() {
            return socket;
        }

        synchronized long unacknowledgedReadings() {
            return readingsOf.values().stream().mapToLong(Integer::longValue).sum();
        }

        private synchronized void acknowledged(String text) {
            long number = Long.parseLong(field(text, "frame"));
            Integer count = readingsOf.remove(number);
            unacknowledged.remove(number);
            if (count == null) {
                return;
            }
            if (text.contains("\"status\"")) {
                refused.addAndGet(count); // a frame the service could not read at all
                return;
            }
            accepted.addAndGet(Long.parseLong(field(text, "accepted")));
            duplicates.addAndGet(Long.parseLong(field(text, "duplicates")));
            refused.addAndGet(Long.parseLong(field(text, "refused")));
            abnormal.addAndGet(Long.parseLong(field(text, "abnormal")));
        }

        private synchronized void lost(WebSocket from) {
            if (socket != from) {
                return;
            }
            socket = null;
            reconnects.incrementAndGet();
            reconnectLater(1);
        }

        private void reconnectLater(int seconds) {
            CompletableFuture.delayedExecutor(seconds, TimeUnit.SECONDS).execute(this::connect);
        }

        synchronized void close() {
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "simulation over");
                socket = null;
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last && webSocket == current()) {
                String text = partial.toString();
                partial.setLength(0);
                acknowledged(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(webSocket);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(webSocket);
        }
    }
}
