/** The berth command-line client, which speaks to a server over its HTTP API. */
package io.berth.cli;
