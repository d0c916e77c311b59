package io.berth.app.api.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mutates YAML as text: replaces the value of random "key: value" lines, deletes or duplicates lines, adds trash. */
final class YamlMutator {

    private static final Pattern SCALAR_LINE = Pattern.compile("^(\\s*(?:- )?[A-Za-z][A-Za-z0-9]*: )(\\S.*)$");
    private static final List<String> TRASH = List.of("kind: Widget", "  unknown: [1, {a: b}]", "\t: tab",
            "apiVersion: berth/v9", "metadata: !!binary AAAA", "---", "...", "key: &a [*a]", "? complex\n: key");

    private final BadValues bad;

    YamlMutator(BadValues bad) {
        this.bad = bad;
    }

    String mutate(String seed) {
        List<String> lines = new ArrayList<>(Arrays.asList(seed.split("\n", -1)));
        int mutations = 1 + bad.random().nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int at = bad.random().nextInt(lines.size());
            int op = bad.random().nextInt(10);
            if (op < 7) {
                for (int tries = 0; tries < 20; tries++) {
                    Matcher matcher = SCALAR_LINE.matcher(lines.get(at));
                    if (matcher.matches()) {
                        lines.set(at, matcher.group(1) + scalar(bad.value(matcher.group(1))));
                        break;
                    }
                    at = bad.random().nextInt(lines.size());
                }
            } else if (op == 7) {
                lines.remove(at);
                if (lines.isEmpty()) {
                    lines.add("");
                }
            } else if (op == 8) {
                lines.add(at, lines.get(at));
            } else {
                lines.add(at, TRASH.get(bad.random().nextInt(TRASH.size())));
            }
        }
        return String.join("\n", lines);
    }

    /** A JSON scalar is a valid YAML flow scalar (a JSON string is a double-quoted YAML one). */
    private static String scalar(Object value) {
        return FuzzJson.write(value);
    }
}
