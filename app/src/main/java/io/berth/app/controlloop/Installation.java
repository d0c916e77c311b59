package io.berth.app.controlloop;

import java.util.UUID;

/** The id of this Berth installation: one per database, created by migration V2. */
record Installation(UUID id) {
}
