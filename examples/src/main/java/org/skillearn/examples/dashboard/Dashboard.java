package org.skillearn.examples.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.examples.figures.CellDrawing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web page that shows the runs under one folder while they progress (see the package). Start
 * it with {@link #start}, stop it with {@link #close}; the page polls the server every
 * {@value #POLL_MS} ms, so values a run writes after the page loaded appear without a reload.
 *
 * <p>Routes: {@code /} the page; {@code /static/…} its script, style sheet and uPlot (from the
 * jar); {@code /api/runs} the runs and their progress; {@code /api/run?path=P&since=N} one run with
 * its step lines after the first N; {@code /api/cells.svg?path=P} the run's current genotype drawn
 * as DARTS' cell figures. Paths are relative to the watched folder and never leave it.
 */
public final class Dashboard implements AutoCloseable {

    /** The page's polling period. */
    public static final int POLL_MS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = "org/skillearn/examples/dashboard/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, String> STATIC = Map.of(
            "dashboard.js", PAGE + "dashboard.js",
            "dashboard.css", PAGE + "dashboard.css",
            "uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js",
            "uPlot.min.css", UPLOT + "uPlot.min.css");

    private final HttpServer server;
    private final ExecutorService threads;
    private final RunFiles files;
    private Runnable onClose = () -> { };

    private Dashboard(HttpServer server, ExecutorService threads, RunFiles files) {
        this.server = server;
        this.threads = threads;
        this.files = files;
    }

    /**
     * Serves the runs under {@code folder} on {@code host:port}.
     *
     * @param host the address to bind: {@code 127.0.0.1} (the default of the command line) keeps the
     *             page on this machine; {@code 0.0.0.0} opens it to the network
     * @param port the TCP port, 0..65535, or 0 for any free one ({@link #uri()} tells which)
     * @throws IllegalArgumentException if the port is outside 0..65535
     * @throws UncheckedIOException naming the address if it cannot be bound (port in use, unknown host)
     */
    public static Dashboard start(Path folder, String host, int port) {
        requirePort(port);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("the dashboard cannot listen on " + host + ":" + port + " ("
                    + e.getMessage() + "); choose another port, or a --host this machine has", e));
        }
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "skillearn-dashboard");
            t.setDaemon(true);
            return t;
        });
        Dashboard d = new Dashboard(server, threads, new RunFiles(folder));
        server.setExecutor(threads);
        server.createContext("/", d::handle);
        server.start();
        LOG.debug("dashboard for {} on {}", folder, d.uri());
        return d;
    }

    /**
     * {@code port} if it is a TCP port, 0..65535 (0: any free one).
     *
     * @throws IllegalArgumentException naming the range otherwise
     */
    public static int requirePort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a port is 0..65535 (0: any free one), got " + port);
        }
        return port;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    /** Runs {@code action} once this dashboard has stopped (a message, say); returns this dashboard. */
    public Dashboard onClose(Runnable action) {
        this.onClose = action;
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        onClose.run();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            if ("HEAD".equals(x.getRequestMethod())) {
                x.getResponseHeaders().set("Cache-Control", "no-store");
                x.sendResponseHeaders(200, -1);
                return;
            }
            if (!"GET".equals(x.getRequestMethod())) {
                send(x, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String route = x.getRequestURI().getPath();
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            try {
                switch (route) {
                    case "/", "/index.html" -> send(x, 200, "text/html; charset=utf-8", resource(PAGE + "index.html"));
                    case "/api/runs" -> sendJson(x, files.summaries());
                    case "/api/run" -> sendJson(x, files.run(q.get("path"), parseSince(q.get("since"))));
                    case "/api/cells.svg" -> {
                        Genotype g = files.genotype(q.get("path"));
                        if (g == null) {
                            send(x, 404, "text/plain", "this run has no genotype".getBytes(StandardCharsets.UTF_8));
                        } else {
                            send(x, 200, "image/svg+xml", CellDrawing.svg(g).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    default -> {
                        String file = route.startsWith("/static/") ? STATIC.get(route.substring("/static/".length())) : null;
                        if (file == null) {
                            send(x, 404, "text/plain", ("no page " + route).getBytes(StandardCharsets.UTF_8));
                        } else {
                            send(x, 200, contentType(file), resource(file));
                        }
                    }
                }
            } catch (RunFiles.MissingPath e) {
                send(x, 400, "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                send(x, 404, "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                LOG.debug("dashboard request {} failed", route, e);
                send(x, 500, "text/plain", String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static int parseSince(String s) {
        try {
            return s == null ? 0 : Math.max(0, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("since must be a whole number, got '" + s + "'");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static String contentType(String file) {
        return file.endsWith(".js") ? "text/javascript; charset=utf-8" : file.endsWith(".css") ? "text/css; charset=utf-8"
                : "application/octet-stream";
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the jar lacks " + name);
            }
            return in.readAllBytes();
        }
    }

    private static void sendJson(HttpExchange x, Object value) throws IOException {
        send(x, 200, "application/json", JSON.writeValueAsBytes(value));
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
