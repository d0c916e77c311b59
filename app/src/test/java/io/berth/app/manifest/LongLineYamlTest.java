package io.berth.app.manifest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long lines near the body limit (a line of blanks, one comment, one string) parse, and the same document is read
 * alike by both of the parser's ways of reading YAML (small texts in steps, large ones at once). The time each took
 * is printed: reading megabyte lines in small steps cost seconds each, growing with the square of the length.
 */
class LongLineYamlTest {

    private static final String HEAD = """
            apiVersion: berth/v1
            kind: TaskDefinition
            metadata: {name: long}
            """;
    private final ManifestParser parser = new ManifestParser();

    @Test
    void megabyteLinesOfBlanksCommentsAndStringsParse() {
        int size = 3 << 20; // below SnakeYAML's limit of 3 Mi code points for the whole text
        String blanks = HEAD + "spec: {containers: [{name: a, image: busybox}]}" + " ".repeat(size - 200) + "\n";
        String comment = HEAD + "spec: {containers: [{name: a, image: busybox}]}\n# " + "x".repeat(size - 200) + "\n";
        String image = "x".repeat(size - 200);
        String string = HEAD + "spec: {containers: [{name: a, image: \"" + image + "\"}]}\n";
        for (String text : List.of(blanks, comment, string)) {
            long start = System.nanoTime();
            ParsedManifest parsed = parser.parse(text, ManifestFormat.YAML);
            System.out.printf("[long-line-yaml] %,d characters parsed in %d ms%n", text.length(),
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(parsed.documents()).singleElement()
                    .satisfies(d -> assertThat(d.name()).isEqualTo("long"));
        }
        TaskDefinitionDocument read = (TaskDefinitionDocument) parser.parse(string, ManifestFormat.YAML).documents().getFirst();
        assertThat(read.spec().containers().getFirst().image()).isEqualTo(image);
    }

    @Test
    void theSameDocumentReadsAlikeJustBelowAndJustAboveTheStepSize() {
        String doc = HEAD + """
                spec:
                  containers:
                    - name: web   # a comment
                      image: "busybox:1.36"
                      environment: {A: "x y", B: '1'}
                ---
                """; // an empty document last: none, not an empty string, both ways

        String below = doc + "#" + "p".repeat(ManifestParser.SMALL_YAML - doc.length() - 2) + "\n";
        String above = doc + "#" + "p".repeat(ManifestParser.SMALL_YAML - doc.length() + 10) + "\n";
        assertThat(below.length()).isLessThanOrEqualTo(ManifestParser.SMALL_YAML);
        assertThat(above.length()).isGreaterThan(ManifestParser.SMALL_YAML);
        assertThat(parser.parse(below, ManifestFormat.YAML).documents()).hasSize(1);
        assertThat(parser.parse(above, ManifestFormat.YAML).documents())
                .usingRecursiveComparison().isEqualTo(parser.parse(below, ManifestFormat.YAML).documents());
    }
}
