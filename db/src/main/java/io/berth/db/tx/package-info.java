/** Transaction helpers: retrying a write whose row another writer changed. */
package io.berth.db.tx;
