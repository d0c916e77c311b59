package io.berth.app.manifest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestDocumentLimitTest {

    private static final String TD = """
            apiVersion: berth/v1
            kind: TaskDefinition
            metadata:
              name: %s
            spec:
              containers:
                - name: app
                  image: nginx
                  memory: 64
            """;

    @Test
    void moreDocumentsThanTheLimitAreRefusedNamingDocuments() {
        ManifestParser parser = new ManifestParser(2);
        String three = String.join("---\n", TD.formatted("a"), TD.formatted("b"), TD.formatted("c"));

        ParsedManifest parsed = parser.parse(three, ManifestFormat.YAML);

        assertThat(parsed.documents()).isEmpty();
        assertThat(parsed.validation().errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("documents");
            assertThat(error.message()).contains("at most 2 documents").contains("got 3");
        });
        assertThat(parser.parse("[" + String.join(",", "{}", "{}", "{}") + "]", ManifestFormat.JSON)
                .validation().errors()).singleElement().extracting(FieldError::path).isEqualTo("documents");
    }

    @Test
    void theLimitItselfIsAccepted() {
        ManifestParser parser = new ManifestParser(2);
        String two = String.join("---\n", TD.formatted("a"), TD.formatted("b"));

        assertThat(parser.parse(two, ManifestFormat.YAML).validation().errors()).isEmpty();
        assertThat(new ManifestParser().parse(TD.formatted("a"), ManifestFormat.YAML).documents()).hasSize(1);
        assertThatThrownBy(() -> new ManifestParser(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
