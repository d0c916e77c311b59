package io.berth.app.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A secret or config as the API shows it: its keys and version, never a secret's values.
 *
 * @param version counts changes of the values: 1, 2, ...; tasks show the version they were started with
 * @param data    configs only: the values (a secret's are write-only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretView(String name, List<String> keys, int version, Instant createdAt, Instant updatedAt,
                         Map<String, String> data) {
}
