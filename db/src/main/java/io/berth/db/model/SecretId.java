package io.berth.db.model;

import java.io.Serializable;

/** Primary key of a secret or config: secrets and configs have a name space each, as in Docker Swarm. */
public record SecretId(SecretKind kind, String name) implements Serializable {
}
