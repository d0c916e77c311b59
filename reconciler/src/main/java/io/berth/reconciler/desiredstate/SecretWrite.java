package io.berth.reconciler.desiredstate;

import io.berth.reconciler.model.SecretFile;

/**
 * A secret or config as stored: a new one, or new values for an existing one (its version goes up by one).
 *
 * @param keyNamesJson JSON array of its keys
 * @param data         a secret's values already sealed (io.berth.db.crypto.StoredSecrets); a config's JSON object
 */
public record SecretWrite(SecretFile.Source kind, String name, String keyNamesJson, String data) {

    @Override
    public String toString() {
        return "SecretWrite[" + kind + " " + name + "]"; // never the data
    }
}
