package io.mallard.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mallard.storage.contract.LocalClickHouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ClickHouse's own behavioral functions — {@code retention}, {@code windowFunnel},
 * {@code sequenceMatch}, {@code sequenceCount}, {@code sequenceNextNode} — run on every
 * conformance vector they can express, and compared with the product's semantics (the vectors'
 * expected results, which the domain engine meets). The vectors where ClickHouse answers
 * differently are pinned in {@code native-divergences.txt}, grouped by cause: they are why the
 * engine computes funnels and sequences with the domain engine over a stream of masked events
 * (docs/ARCHITECTURE.md), and this test fails if ClickHouse starts or stops diverging anywhere.
 * Timestamps are passed as microseconds ({@code UInt64}, since {@code windowFunnel} refuses
 * {@code DateTime64}), to {@code sequenceNextNode} as their rank (see below); a vector with a NULL condition or timestamp, a timestamp before 1970, or a
 * pattern ClickHouse cannot state in microseconds ({@code (?t==N)}) is not expressible and skipped.
 */
class NativeFunctionsEngineTest {
    private static final Path VECTORS = Path.of("../domain/src/test/resources/conformance/behavioral-vectors.jsonl");
    private static final Path DIVERGENCES = Path.of("src/test/resources/native-divergences.txt");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIME_GATE = Pattern.compile("\\(\\?t(>=|<=|==|!=|>|<)(\\d+)\\)");
    /** The functions ClickHouse has; sessionize and the *_events variants it has not (or not in this form). */
    private static final java.util.Set<String> NATIVE = java.util.Set.of("retention", "window_funnel", "sequence_match", "sequence_count",
            "sequence_next_node");
    private static LocalClickHouse clickHouse;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        clickHouse = LocalClickHouse.start(Files.createTempDirectory("clickhouse-native"));
    }

    @AfterAll
    static void stop() {
        clickHouse.close();
    }

    @Test
    void clickHouseAgreesWithTheProductExceptWhereDocumented() throws Exception {
        Map<String, String> outcomes = new TreeMap<>();
        int compared = 0;
        for (String line : Files.readAllLines(VECTORS)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode vector = JSON.readTree(line);
            String sql = nativeCall(vector);
            if (sql == null) {
                continue;
            }
            compared++;
            String answer = ask(sql);
            if (!agrees(vector, answer)) {
                outcomes.put(vector.get("id").asText(), "expected " + vector.get("expected") + ", ClickHouse " + answer);
            }
        }
        Files.writeString(Path.of("target/native-divergences-found.txt"), outcomes.entrySet().stream()
                .map(entry -> entry.getKey() + "\t" + entry.getValue()).collect(Collectors.joining("\n", "", "\n")));

        assertThat(compared).as("vectors ClickHouse can express").isGreaterThan(100);
        assertThat(new TreeSet<>(outcomes.keySet())).as("vectors where ClickHouse differs (details in target/native-divergences-found.txt)")
                .isEqualTo(documentedDivergences());
    }

    /**
     * Why the engine's flows give {@code sequenceNextNode} positions, not times: with microseconds
     * since 1970 as {@code UInt64} it orders by the low 32 bits and walks the wrong neighbour.
     */
    @Test
    void sequenceNextNodeOrdersAUInt64TimeByItsLow32BitsOnly() throws Exception {
        String rows = "values('t UInt64, v String', (1776029593000000, 'P'), (1776036793000000, 'A'), (1776038592000000, 'A'), (1776040392000000, 'P'))";
        String call = "sequenceNextNode('forward', 'first_match')(%s, v, toUInt8(v = 'A'), toUInt8(v = 'A')) AS answer FROM " + rows
                + " SETTINGS allow_experimental_funnel_functions = 1";

        assertThat(ask("SELECT " + call.formatted("t"))).as("microseconds").isEqualTo("\"P\"");
        assertThat(ask("SELECT " + call.formatted("toUInt32(intDiv(t, 1000000))"))).as("seconds").isEqualTo("\"A\"");
    }

    private static TreeSet<String> documentedDivergences() throws IOException {
        return Files.readAllLines(DIVERGENCES).stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+")[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The native call for a vector, or null when ClickHouse cannot be asked the same question. */
    private static String nativeCall(JsonNode vector) {
        if (!NATIVE.contains(vector.get("function").asText())) {
            return null;
        }
        JsonNode args = vector.get("args");
        List<JsonNode> rows = new ArrayList<>();
        vector.get("rows").forEach(rows::add);
        for (JsonNode row : rows) {
            if (row.path("ts_us").isNull() || row.path("ts_us").isMissingNode() && !row.has("day") && !row.has("first_month")
                    || row.path("ts_us").asLong() < 0) {
                return null;
            }
            for (JsonNode condition : row.get("conds")) {
                if (condition.isNull()) {
                    return null;
                }
            }
        }
        return switch (vector.get("function").asText()) {
            case "retention" -> "SELECT retention(" + conditions(args.get("num_conditions").asInt()) + ") AS answer FROM " + table(rows, false);
            case "window_funnel" -> args.path("window_us").isNull() ? null
                    : "SELECT windowFunnel(" + args.get("window_us").asLong() + modes(args.path("mode")) + ")(ts, "
                    + conditions(args.get("num_conditions").asInt()) + ") AS answer FROM " + table(rows, false);
            case "sequence_match", "sequence_count" -> {
                String pattern = microsPattern(args.get("pattern").asText());
                yield pattern == null ? null : "SELECT " + (vector.get("function").asText().equals("sequence_match") ? "sequenceMatch" : "sequenceCount")
                        + "(" + quoted(pattern) + ")(ts, " + conditions(args.get("num_conditions").asInt()) + ") AS answer FROM " + table(rows, false);
            }
            case "sequence_next_node" -> "SELECT sequenceNextNode(" + quoted(args.get("direction").asText()) + ", " + quoted(args.get("base").asText())
                    + ")(position, value, base, " + conditions(args.get("num_event_conditions").asInt()) + ") AS answer FROM "
                    + "(SELECT *, toUInt32(dense_rank() OVER (ORDER BY ts)) AS position FROM " + table(rows, true) + ")"
                    + " SETTINGS allow_experimental_funnel_functions = 1";
            default -> null;
        };
    }

    /** The vector's rows as a table: ts (UInt64 µs; retention rows have none), c1..cN (UInt8), and for next-node value and base. */
    private static String table(List<JsonNode> rows, boolean nodes) {
        if (rows.isEmpty()) {
            return "(SELECT toUInt64(0) AS ts, toUInt8(0) AS c1, toUInt8(0) AS c2, toUInt8(0) AS c3, toUInt8(0) AS c4, "
                    + "toNullable('') AS value, toUInt8(0) AS base WHERE 0)";
        }
        List<String> selects = new ArrayList<>();
        for (JsonNode row : rows) {
            List<String> columns = new ArrayList<>();
            columns.add("toUInt64(" + row.path("ts_us").asLong(0) + ") AS ts");
            int index = 1;
            for (JsonNode condition : row.get("conds")) {
                columns.add("toUInt8(" + (condition.asBoolean() ? 1 : 0) + ") AS c" + index++);
            }
            if (nodes) {
                columns.add((row.get("value").isNull() ? "CAST(NULL AS Nullable(String))" : "toNullable(" + quoted(row.get("value").asText()) + ")")
                        + " AS value");
                columns.add("toUInt8(" + (row.get("base_condition").asBoolean() ? 1 : 0) + ") AS base");
            }
            selects.add("SELECT " + String.join(", ", columns));
        }
        return "(" + String.join(" UNION ALL ", selects) + ")";
    }

    private static String conditions(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("c" + i);
        }
        return String.join(", ", names);
    }

    /** Each of the vector's comma-separated modes as its own parameter, as ClickHouse takes them. */
    private static String modes(JsonNode mode) {
        if (mode.isNull() || mode.isMissingNode()) {
            return "";
        }
        StringBuilder parameters = new StringBuilder();
        for (String token : mode.asText().split(",")) {
            if (!token.isBlank()) {
                parameters.append(", ").append(quoted(token.strip()));
            }
        }
        return parameters.toString();
    }

    /**
     * The pattern with its time gates in microseconds, meaning what the product's whole seconds mean
     * ({@code floor(elapsed / 1 s) op N}); whitespace dropped (ClickHouse's parser takes none). Null
     * for {@code ==}, which needs two bounds in microseconds.
     */
    private static String microsPattern(String pattern) {
        Matcher gate = TIME_GATE.matcher(pattern.replaceAll("\\s+", ""));
        StringBuilder result = new StringBuilder();
        while (gate.find()) {
            long seconds = Long.parseLong(gate.group(2));
            String micros = switch (gate.group(1)) {
                case ">=" -> ">=" + seconds * 1_000_000;
                case ">" -> ">=" + (seconds + 1) * 1_000_000;
                case "<" -> "<" + seconds * 1_000_000;
                case "<=" -> "<" + (seconds + 1) * 1_000_000;
                case "!=" -> "!=" + seconds * 1_000_000;
                default -> null;
            };
            if (micros == null) {
                return null;
            }
            gate.appendReplacement(result, Matcher.quoteReplacement("(?t" + micros + ")"));
        }
        gate.appendTail(result);
        return result.toString();
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** ClickHouse's answer as JSON text, or {@code error: …} when it refused the call. */
    private String ask(String sql) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(clickHouse.url() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(sql + " FORMAT JSONEachRow")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return "error: " + response.body().lines().findFirst().orElse("").strip();
        }
        String body = response.body().strip();
        return body.isEmpty() ? "null" : JSON.readTree(body).get("answer").toString();
    }

    private static boolean agrees(JsonNode vector, String answer) throws IOException {
        JsonNode expected = vector.get("expected");
        if (expected.isObject() && expected.has("error")) {
            return answer.startsWith("error");
        }
        if (answer.startsWith("error")) {
            return false;
        }
        JsonNode actual = JSON.readTree(answer);
        if (expected.isBoolean()) {
            return actual.asInt() == (expected.asBoolean() ? 1 : 0);
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (actual.get(i).asInt() != (expected.get(i).asBoolean() ? 1 : 0)) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isNumber()) {
            return actual.asLong() == expected.asLong();
        }
        return expected.equals(actual);
    }
}
