/** The Berth server's Spring Boot application: its entry point, top-level properties and log format. */
package io.berth.app;
