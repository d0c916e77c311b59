package io.berth.app.api;

import io.berth.app.api.dto.HostPortView;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The small JSON texts the db keeps in text columns (labels, attributes, host ports, service spec). */
@Component
class JsonText {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<HostPortView>> HOST_PORTS = new TypeReference<>() {
    };

    private final JsonMapper mapper;

    JsonText(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** Sorted keys, so that equal maps give equal text and a re-apply compares equal. */
    String canonical(Map<String, ?> map) {
        return mapper.writeValueAsString(new TreeMap<>(map));
    }

    /** A list of strings, in its order. */
    String list(List<String> values) {
        return mapper.writeValueAsString(values);
    }

    List<String> stringList(String json) {
        return json == null || json.isBlank() ? List.of()
                : mapper.readValue(json, new TypeReference<List<String>>() {
                });
    }

    Map<String, String> stringMap(String json) {
        return json == null || json.isBlank() ? Map.of() : mapper.readValue(json, STRING_MAP);
    }

    List<HostPortView> hostPorts(String json) {
        return json == null || json.isBlank() ? List.of() : mapper.readValue(json, HOST_PORTS);
    }
}
