package io.berth.db.model;

import java.io.Serializable;

/** Primary key of a task definition: family and revision (1, 2, ...). */
public record TaskDefinitionId(String family, int revision) implements Serializable {

    /** "family:revision", the form services refer to. */
    @Override
    public String toString() {
        return family + ":" + revision;
    }
}
