/**
 * The application's connections to PostgreSQL: bounds on every statement and lock wait, and commits written to the WAL
 * before the API answers.
 */
package io.berth.app.database;
