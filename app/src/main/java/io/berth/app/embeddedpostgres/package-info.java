/** Berth's own PostgreSQL, started in-process when no spring.datasource.url is given. */
package io.berth.app.embeddedpostgres;
