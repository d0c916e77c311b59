package io.berth.db.model;

/** A secret's values are encrypted at rest and never shown; a config's are stored and shown as they are. */
public enum SecretKind {
    SECRET,
    CONFIG
}
