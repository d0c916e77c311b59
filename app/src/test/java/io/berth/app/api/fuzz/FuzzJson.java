package io.berth.app.api.fuzz;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** The mapper of the fuzz suite: it writes the deeply nested trees the mutators make (the server has its own limits). */
final class FuzzJson {

    static final int ONE_MB = 1 << 20;
    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100_000).build())
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(10 * ONE_MB).build()).build()).build();

    private FuzzJson() {
    }

    static String write(Object tree) {
        return JSON.writeValueAsString(tree);
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
    }
}
