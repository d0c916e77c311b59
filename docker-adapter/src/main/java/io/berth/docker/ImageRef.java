package io.berth.docker;

/**
 * An image reference split the way the pull API wants it. Docker pulls <em>every</em> tag of a repository when the
 * tag is missing, so a bare name becomes {@code :latest}.
 *
 * @param tag a tag, or a digest ("sha256:…") for {@code repo@sha256:…}
 */
record ImageRef(String repository, String tag) {

    static ImageRef parse(String image) {
        if (image == null || image.isBlank()) {
            throw new EngineException(EngineException.Kind.BAD_REQUEST, "image reference is empty", null);
        }
        int at = image.indexOf('@');
        if (at > 0) {
            return new ImageRef(image.substring(0, at), image.substring(at + 1));
        }
        int colon = image.lastIndexOf(':');
        // A colon before the last slash belongs to a registry port (localhost:5000/app), not to a tag.
        if (colon > image.lastIndexOf('/')) {
            return new ImageRef(image.substring(0, colon), image.substring(colon + 1));
        }
        return new ImageRef(image, "latest");
    }
}
