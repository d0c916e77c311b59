/** The API's error responses: one JSON shape for every failure. */
package io.berth.app.web;
