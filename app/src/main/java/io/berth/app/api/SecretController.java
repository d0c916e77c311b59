package io.berth.app.api;

import io.berth.app.api.dto.SecretView;
import io.berth.app.web.ApiLimits;
import io.berth.db.model.SecretKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Secrets and configs, created and changed by apply ({@code kind: Secret}, {@code kind: Config}). */
@RestController
@Tag(name = "secrets", description = "Secrets (values never returned) and configs")
public class SecretController {

    private final Secrets secrets;
    private final ApiLimits api;

    public SecretController(Secrets secrets, ApiLimits api) {
        this.secrets = secrets;
        this.api = api;
    }

    @GetMapping(path = "/v1/secrets", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List secrets: name, keys, version, times; never values",
            description = "Paged like /v1/credentials: `limit`, and `continue` from the Berth-Continue header.")
    public ResponseEntity<List<SecretView>> listSecrets(
            @Parameter(description = "Items per page, 1 to berth.api.max-page-size (1000)")
            @RequestParam(required = false) String limit,
            @Parameter(description = "The Berth-Continue header of the previous page: the page after it")
            @RequestParam(name = "continue", required = false) String continueToken) {
        return secrets.page(SecretKind.SECRET, PageRequest.parse(limit, continueToken, api)).response();
    }

    @GetMapping(path = "/v1/secrets/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Describe one secret: name, keys, version, times; never its values")
    public SecretView getSecret(@PathVariable String name) {
        return secrets.get(SecretKind.SECRET, name);
    }

    @DeleteMapping("/v1/secrets/{name}")
    @Operation(summary = "Delete a secret; 409 naming the task definitions in use that reference it")
    public ResponseEntity<Void> deleteSecret(@PathVariable String name) {
        secrets.delete(SecretKind.SECRET, name);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/v1/configs", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List configs with their values",
            description = "Paged like /v1/credentials: `limit`, and `continue` from the Berth-Continue header.")
    public ResponseEntity<List<SecretView>> listConfigs(
            @Parameter(description = "Items per page, 1 to berth.api.max-page-size (1000)")
            @RequestParam(required = false) String limit,
            @Parameter(description = "The Berth-Continue header of the previous page: the page after it")
            @RequestParam(name = "continue", required = false) String continueToken) {
        return secrets.page(SecretKind.CONFIG, PageRequest.parse(limit, continueToken, api)).response();
    }

    @GetMapping(path = "/v1/configs/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Describe one config, with its values")
    public SecretView getConfig(@PathVariable String name) {
        return secrets.get(SecretKind.CONFIG, name);
    }

    @DeleteMapping("/v1/configs/{name}")
    @Operation(summary = "Delete a config; 409 naming the task definitions in use that reference it")
    public ResponseEntity<Void> deleteConfig(@PathVariable String name) {
        secrets.delete(SecretKind.CONFIG, name);
        return ResponseEntity.noContent().build();
    }
}
