package io.berth.app.api.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Alias bombs, deep nesting, unknown kinds, empty, binary and odd documents: what no mutation of a seed reaches. */
final class SpecialDocuments {

    private final Random random;
    private final String cluster;

    SpecialDocuments(Random random, String cluster) {
        this.random = random;
        this.cluster = cluster;
    }

    String document(String family, int i) {
        return switch (i % 10) {
            case 0 -> "apiVersion: berth/v1\nkind: TaskDefinition\nmetadata: {name: " + family + "}\nspec:\n  "
                    + aliasBomb().replace("\n", "\n  ");
            case 1 -> "[".repeat(1 + random.nextInt(200_000)) + "]".repeat(random.nextInt(3));
            case 2 -> "a:\n" + nestedYaml(1 + random.nextInt(5_000));
            case 3 -> "apiVersion: berth/v1\nkind: " + List.of("Widget", "taskdefinition", "", "~", "[]", "Service\u0000").get(i / 10 % 6)
                    + "\nmetadata: {name: x}\nspec: {}\n";
            case 4 -> "---\n".repeat(1 + random.nextInt(1000));
            case 5 -> "{".repeat(1 + random.nextInt(50_000));
            case 6 -> "apiVersion: berth/v1\nkind: TaskDefinition\nmetadata: {name: " + family + "}\nspec: &s {containers: [*s]}\n";
            case 7 -> "apiVersion: berth/v1\nkind: TaskDefinition\nmetadata: {name: " + "n".repeat(FuzzJson.ONE_MB) + "}\nspec: {}\n";
            case 8 -> "\uFEFF\u0000\u00ff" + new String(new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, StandardCharsets.ISO_8859_1);
            default -> ("apiVersion: berth/v1\nkind: Service\nmetadata: {name: s%d, cluster: " + cluster + "}\nspec: {taskDefinition: "
                    + family + ", desiredCount: 0}\n---\n").formatted(i).repeat(1 + random.nextInt(600));
        };
    }

    /** Nine levels of nine aliases each: a billion "lol"s if expanded. */
    private static String aliasBomb() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String p = "*" + (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(String.join(",", java.util.Collections.nCopies(9, p)))
                    .append("]\n");
        }
        return bomb.toString();
    }

    private static String nestedYaml(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            yaml.append(" ".repeat(d + 2)).append("k:\n");
        }
        return yaml.append(" ".repeat(depth + 2)).append("v\n").toString();
    }
}
