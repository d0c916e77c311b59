package io.berth.reconciler.model;

/**
 * A file written into the container after it is created and before it starts, through the engine's API (so it
 * works on remote hosts and needs no host path): the value of {@code key} of a Secret or Config.
 *
 * @param mode permission bits, e.g. 0400
 * @param uid  owner, 0 = root
 * @param gid  group, 0 = root
 */
public record SecretFile(String path, Source source, String name, String key, int mode, int uid, int gid) {

    /** Read-only for its owner: the default for a secret's file. */
    public static final int DEFAULT_SECRET_MODE = 0400;
    /** Readable by all: the default for a config's file. */
    public static final int DEFAULT_CONFIG_MODE = 0444;

    /** Where the file's content comes from. */
    public enum Source {
        SECRET,
        CONFIG;

        /** As written in a manifest: {@code secret} / {@code config}. */
        public String field() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
