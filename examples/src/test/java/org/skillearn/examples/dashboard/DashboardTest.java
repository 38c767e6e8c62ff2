package org.skillearn.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.skillearn.darts.genotype.GenotypeJson;
import org.skillearn.examples.cli.Skillearn;
import org.skillearn.examples.console.StatusLine;

/**
 * The live view in a real browser (Debian's {@code chromium} and {@code chromedriver}, which
 * {@code .ci/run} installs): on a finished tiny supernet search the page shows the run's final
 * loss and genotype as its files hold them (a screenshot goes to {@code target/dashboard.png}),
 * and a value written after the page loaded appears without a reload.
 */
class DashboardTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path runs;
    private static Path run;
    private static Dashboard dashboard;

    @BeforeAll
    static void finishedTinySearch() {
        run = runs.resolve("tiny-darts");
        assertEquals(0, Skillearn.execute("search", "--method", "darts", "--model", "darts", "--channels", "2", "--layers", "3",
                "--batch-size", "8", "--epochs", "1", "--steps-per-epoch", "2", "--out", run.toString()));
        dashboard = Dashboard.start(runs, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    private static WebDriver browser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,2000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, o);
    }

    private static String text(WebDriver d, String id) {
        return d.findElement(By.id(id)).getText();
    }

    private static JsonNode lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    @Test
    void thePageShowsTheFinalLossAndTheGenotypeFromTheRunsFiles() throws IOException {
        String genotype = GenotypeJson.fromJson(Files.readString(run.resolve("genotype.json"))).toString();
        double f = lastLine(run.resolve("metrics.jsonl")).path("validation_objective").asDouble();
        String finalLoss = "epoch 1: validation objective " + StatusLine.number(f);
        WebDriver d = browser();
        try {
            d.get(dashboard.uri().toString());
            WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
            wait.until(x -> text(x, "last-values").contains(finalLoss) && !text(x, "genotype").isEmpty());
            assertEquals(genotype, text(d, "genotype"));
            assertTrue(text(d, "runs").contains("tiny-darts"), text(d, "runs"));
            wait.until(x -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) x).executeScript(
                    "const i = document.getElementById('cells'); return i.complete && i.naturalWidth > 0;")));
            File shot = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
            Path target = Path.of("target", "dashboard.png");
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            assertTrue(Files.size(target) > 10_000, "a screenshot of the page");
        } finally {
            d.quit();
        }
    }

    @Test
    void aValueWrittenAfterThePageLoadedAppearsWithoutReload() throws IOException {
        WebDriver d = browser();
        try {
            d.get(dashboard.uri() + "?run=tiny-darts");
            WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
            wait.until(x -> text(x, "last-values").contains("epoch 1: validation objective"));
            // as the run loop would: a second epoch's record, appended after the page loaded
            Path metrics = run.resolve("metrics.jsonl");
            byte[] before = Files.readAllBytes(metrics);
            try {
                Files.writeString(metrics, "{\"epoch\":2,\"seconds\":1.0,\"ms_per_step\":500.0,\"stage_loss\":{\"weights\":1.5},"
                        + "\"validation_objective\":0.123456}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                wait.until(x -> text(x, "last-values").contains("epoch 2: validation objective 0.1235"));
                assertTrue(text(d, "last-values").contains("stage weights 1.5"), text(d, "last-values"));
            } finally {
                Files.write(metrics, before);
            }
        } finally {
            d.quit();
        }
    }

    @Test
    void theApiListsTheRunAndNeverReadsOutsideTheWatchedFolder() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> runsList = http.send(HttpRequest.newBuilder(dashboard.uri().resolve("/api/runs")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode list = JSON.readTree(runsList.body());
        assertEquals(1, list.size(), runsList.body());
        assertEquals("tiny-darts", list.get(0).path("path").asText());
        assertEquals("complete", list.get(0).path("status").asText());
        assertEquals(2, list.get(0).path("steps_done").asInt());
        for (String path : new String[] {"..", "../..", "tiny-darts/../..", "/etc"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create(dashboard.uri() + "api/run?path=" + java.net.URLEncoder.encode(path, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode(), path + ": " + r.body());
        }
        HttpResponse<String> svg = http.send(HttpRequest.newBuilder(URI.create(dashboard.uri() + "api/cells.svg?path=tiny-darts"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, svg.statusCode());
        assertTrue(svg.body().startsWith("<svg") || svg.body().startsWith("<?xml"), svg.body().substring(0, 40));
    }

    @Test
    void anUnreadableRunIsShownAsSuchAndHidesNoOtherRun(@TempDir Path other) throws Exception {
        // another watched folder: the good run, a copy with a corrupt epoch line, and a link leading outside
        Path good = other.resolve("good");
        Path bad = other.resolve("bad");
        for (Path p : new Path[] {good, bad}) {
            Files.createDirectories(p);
            try (var files = Files.list(run)) {
                for (Path f : files.toList()) {
                    Files.copy(f, p.resolve(f.getFileName()));
                }
            }
        }
        Files.writeString(bad.resolve("metrics.jsonl"), "{\"epoch\":1, garbage\n");
        Path outside = Files.createDirectories(runs.resolve("outside-of-other"));
        Files.copy(run.resolve("config.json"), outside.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.createSymbolicLink(other.resolve("link"), outside);
        try (Dashboard d = Dashboard.start(other, "127.0.0.1", 0)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(d.uri().resolve("/api/runs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode list = JSON.readTree(r.body());
            assertEquals(2, list.size(), "the link is not listed: " + r.body());
            JsonNode b = list.get(0);
            assertEquals("bad", b.path("path").asText());
            assertEquals("unreadable", b.path("status").asText());
            assertTrue(b.path("error").asText().contains(bad.resolve("metrics.jsonl") + ": line 1 is not JSON"), b.toString());
            assertEquals("complete", list.get(1).path("status").asText());
            HttpResponse<String> link = http.send(HttpRequest.newBuilder(URI.create(d.uri() + "api/run?path=link")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, link.statusCode(), link.body());
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(d.uri() + "api/run")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, none.statusCode(), none.body());
        } finally {
            Files.walk(outside).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aPortOutsideTheRangeIsAUsageError() {
        String err = org.skillearn.examples.StandardError.of(() -> assertEquals(2, Skillearn.execute("dashboard", runs.toString(),
                "--port", "70000")));
        assertTrue(err.contains("a port is 0..65535 (0: any free one), got 70000"), err);
        err = org.skillearn.examples.StandardError.of(() -> assertEquals(2, Skillearn.execute("search", "--dashboard", "-1",
                "--out", runs.resolve("never").toString())));
        assertTrue(err.contains("a port is 0..65535"), err);
        assertTrue(Files.notExists(runs.resolve("never")));
    }
}
