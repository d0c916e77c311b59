/** The JSON documents the HTTP API reads and writes. */
package io.berth.app.api.dto;
