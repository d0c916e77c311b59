package io.berth.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The layout of {@code berth describe}'s text, as {@code kubectl describe} has it: "Label:" fields in one column,
 * then sections (a title line and an indented table, or "<none>"). Times are shown with their age at {@code now}.
 */
final class DescriptionWriter {

    private static final int LABEL_WIDTH = 18;

    private final PrintWriter out;
    private final Instant now;

    DescriptionWriter(PrintWriter out, Instant now) {
        this.out = out;
        this.now = now;
    }

    void field(String label, String value) {
        String text = label + ":";
        out.println(text + " ".repeat(Math.max(1, LABEL_WIDTH - text.length()))
                + (value == null || value.isEmpty() ? "<none>" : value));
    }

    void line(String text) {
        out.println(text);
    }

    /** A titled section: the table indented, or "<none>" when it has no rows. */
    void section(String title, Table table) {
        out.println(title + ":");
        if (table.rows().isEmpty()) {
            out.println("  <none>");
            return;
        }
        StringWriter text = new StringWriter();
        table.print(new PrintWriter(text));
        for (String line : text.toString().split("\\R")) {
            out.println("  " + line);
        }
    }

    /** Lines under a title, indented (e.g. YAML). */
    void block(String title, String text) {
        out.println(title + ":");
        for (String line : text.split("\n")) {
            out.println("  " + line);
        }
    }

    /** "2026-11-22T11:00:00Z (60m ago)", or null when the field is absent. */
    String time(JsonNode node, String field) {
        Instant at = Json.instant(node, field);
        return at == null ? null : at + " (" + Durations.age(Duration.between(at, now)) + " ago)";
    }

    /** "60m", or "" when the field is absent. */
    String age(JsonNode node, String field) {
        Instant at = Json.instant(node, field);
        return at == null ? "" : Durations.age(Duration.between(at, now));
    }

    static String labels(JsonNode map) {
        List<String> entries = new ArrayList<>();
        map.properties().forEach(e -> entries.add(e.getKey() + "=" + e.getValue().asString()));
        return String.join(", ", entries);
    }
}
