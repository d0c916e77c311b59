/** The application's connections to PostgreSQL: bounds on every statement and lock wait. */
package io.berth.app.database;
