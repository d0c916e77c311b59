package io.berth.reconciler.model;

/**
 * A reference to a task definition as users write it: {@code family} (latest revision) or {@code family:N}.
 *
 * @param revision null = latest
 */
public record TaskDefinitionRef(String family, Integer revision) {

    public static TaskDefinitionRef parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return new TaskDefinitionRef(text, null);
        }
        return new TaskDefinitionRef(text.substring(0, colon), Integer.valueOf(text.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return revision == null ? family : family + ":" + revision;
    }
}
