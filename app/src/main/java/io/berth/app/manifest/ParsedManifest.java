package io.berth.app.manifest;

import java.util.List;

/**
 * Result of {@link ManifestParser#parse}: all-or-nothing, so {@code documents} is empty whenever
 * {@code validation} has errors.
 */
public record ParsedManifest(List<ManifestDocument> documents, ValidationResult validation) {

    public ParsedManifest {
        documents = List.copyOf(documents);
        if (!validation.isValid() && !documents.isEmpty()) {
            throw new IllegalArgumentException("an invalid manifest carries no documents");
        }
    }

    /** The documents, or {@link ManifestValidationException} listing every error. */
    public List<ManifestDocument> documentsOrThrow() {
        if (!validation.isValid()) {
            throw new ManifestValidationException(validation.errors());
        }
        return documents;
    }
}
