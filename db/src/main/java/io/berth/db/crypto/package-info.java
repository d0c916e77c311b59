/** Encryption of registry credentials at rest, and the key file it uses. */
package io.berth.db.crypto;
