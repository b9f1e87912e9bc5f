package dev.nexus.costs.support;

import dev.nexus.costs.Main;
import dev.nexus.costs.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as a real child process ({@link Main} on the test classpath), so that a test can kill it with
 * SIGKILL and start it again on the same data directory and database. Its output goes to a log file under
 * {@code target/service-logs}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on http://localhost:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Map<String, String> env = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path logFile;
    private Process process;
    private volatile int port;

    public ServiceProcess(TestDatabase database, Path dataDir, String name) {
        env.put("NEXUS_DATA_DIR", dataDir.toString());
        env.put("NEXUS_DB_URL", database.url());
        env.put("NEXUS_ADMIN_TOKEN", TestNexus.ADMIN);
        env.put("NEXUS_FLUSH_INTERVAL_MS", "200");
        env.put("NEXUS_NODE_ID", "node-a");
        env.put("NEXUS_COUNTER_ENTRIES", "10000");
        env.put("NEXUS_EVENT_IDS_PER_FILE", "100000");
        env.put("NEXUS_PORT", "0");
        logFile = Path.of("target", "service-logs", name + ".log");
    }

    public ServiceProcess set(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Starts the service and waits, at most 90 s, until it listens. */
    public ServiceProcess start() {
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Files.createDirectories(logFile.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the service process", e);
        }
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> copyOutput(process, listening), "service-output");
        reader.setDaemon(true);
        reader.start();
        try {
            port = listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            kill();
            throw new IllegalStateException("the service did not start; see " + logFile.toAbsolutePath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while starting the service", e);
        }
        return this;
    }

    /** Kills the process with SIGKILL, as a crash would, and waits for it to be gone. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    public Api.Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Api.Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private Api.Reply send(HttpRequest.Builder request) {
        request.header("Content-Type", "application/json").header("Authorization", "Bearer " + TestNexus.ADMIN)
                .timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Api.Reply(response.statusCode(), body.isEmpty() ? null : Json.MAPPER.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the service", e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Java with the JVM flags Chronicle Map needs (the ones this test JVM was given) and this classpath. */
    private static List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-exports") || arg.startsWith("--add-opens") || arg.startsWith("-Dchronicle")) {
                command.add(arg);
            }
        }
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        return command;
    }

    private void copyOutput(Process child, CompletableFuture<Integer> listening) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                log.write(line);
                log.write('\n');
                log.flush();
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    listening.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IllegalStateException("the service exited before listening"));
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the service process did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the service to exit", e);
        }
    }
}
