/** The state store on PostgreSQL through JPA: the one place in the reconciler that maps rows to Berth's records. */
package io.berth.reconciler.store.jpa;
