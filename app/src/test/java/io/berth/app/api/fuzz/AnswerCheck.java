package io.berth.app.api.fuzz;

import tools.jackson.databind.JsonNode;

/**
 * The rules every answer must keep: no secret value; no 5xx; a 4xx is a JSON error with a message; a 422 names each
 * field.
 */
final class AnswerCheck {

    private AnswerCheck() {
    }

    /** What is wrong with the answer, or null. */
    static String problem(int status, String body) {
        if (body != null && body.contains(ManifestSeeds.SECRET_VALUE)) {
            return "answer shows a secret's value";
        }
        if (status >= 500) {
            return "server error";
        }
        if (status < 400) {
            return null;
        }
        JsonNode error;
        try {
            error = FuzzJson.JSON.readTree(body);
        } catch (RuntimeException e) {
            return "4xx body is not JSON";
        }
        if (error == null || !error.isObject() || error.path("message").asString("").isBlank()) {
            return "4xx body has no message";
        }
        if (status == 422) {
            JsonNode fields = error.path("errors");
            if (!fields.isArray() || fields.isEmpty()) {
                return "422 names no field";
            }
            for (JsonNode field : fields) {
                if (field.path("field").asString("").isBlank()) {
                    return "422 has an entry without a field";
                }
            }
        }
        return null;
    }
}
