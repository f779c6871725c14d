package io.mallard.bootstrap.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration text gathered from an optional TOML file and the environment (the environment
 * wins), before any value is interpreted. Unknown TOML keys and unknown {@code MALLARD_*}
 * variables are errors: a typo must not silently fall back to a default.
 */
public final class RawSettings {
    /** Variables that are ours by prefix but not settings: JVM options read by {@code ./mallard start}. */
    private static final List<String> IGNORED_VARIABLES = List.of("MALLARD_JAVA_OPTS");

    private final Map<Setting, String> values;

    private RawSettings(Map<Setting, String> values) {
        this.values = values;
    }

    public static RawSettings load(Optional<Path> tomlFile, Map<String, String> environment) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        tomlFile.ifPresent(file -> values.putAll(readToml(file)));
        List<String> unknown = new ArrayList<>();
        environment.forEach((name, value) -> {
            if (!name.startsWith("MALLARD_") || IGNORED_VARIABLES.contains(name)) {
                return;
            }
            Setting.byEnvironmentVariable(name).ifPresentOrElse(s -> values.put(s, value), () -> unknown.add(name));
        });
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown environment variable(s) " + String.join(", ", unknown)
                    + "; known variables are listed in the README's configuration table");
        }
        return new RawSettings(values);
    }

    public Optional<String> get(Setting setting) {
        return Optional.ofNullable(values.get(setting)).or(setting::defaultValue);
    }

    public boolean isSet(Setting setting) {
        return values.containsKey(setting);
    }

    private static Map<Setting, String> readToml(Path file) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Setting setting = Setting.byKey(field.getKey()).orElseThrow(() -> new ConfigException(
                    "unknown key '" + field.getKey() + "' in " + file + "; known keys are listed in the README's configuration table"));
            values.put(setting, scalar(setting, field.getValue()));
        }
        return values;
    }

    /** TOML strings, numbers and booleans as text; arrays of strings joined with commas. */
    private static String scalar(Setting setting, JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(scalar(setting, item)));
            return String.join(",", items);
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        throw new ConfigException(setting.key() + " must be " + setting.accepted() + ", not a table");
    }
}
