package io.berth.app.manifest;

/** How the body of an apply request is written. */
public enum ManifestFormat {
    /** One or more {@code ---}-separated YAML documents; a document that is a list holds several documents. */
    YAML,
    /** One JSON object, or an array of them. */
    JSON
}
