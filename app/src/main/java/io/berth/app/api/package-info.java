/** The HTTP API: controllers, apply (plan then execute a manifest), read views and run-task requests. */
package io.berth.app.api;
