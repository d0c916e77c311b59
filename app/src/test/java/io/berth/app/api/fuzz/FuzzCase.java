package io.berth.app.api.fuzz;

import java.net.http.HttpRequest;

/**
 * One request of the fuzz run.
 *
 * @param endpoint    what the figures count it under, e.g. "POST /v1/apply"
 * @param description what a failure report says about it
 * @param request     the request, token included
 * @param sent        what was sent (body or query), for the failure report
 * @param stream      how a 200 is read: whole, or as a watch or log stream read for a bounded time and then closed
 * @param expected    the one status the case must get (a body over the limit: 413), or 0 for any that keeps the rules
 */
record FuzzCase(String endpoint, String description, HttpRequest request, String sent, Stream stream, int expected) {

    FuzzCase(String endpoint, String description, HttpRequest request, String sent) {
        this(endpoint, description, request, sent, Stream.NONE, 0);
    }

    enum Stream { NONE, WATCH, LOG }
}
