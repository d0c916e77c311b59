package io.berth.app.api;

import io.berth.app.api.dto.CredentialRequest;
import io.berth.app.api.dto.CredentialView;
import io.berth.app.web.ApiError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.berth.app.web.ApiLimits;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/** Private registry logins for {@code repositoryCredentials.credentialsParameter}. */
@RestController
@RequestMapping(path = "/v1/credentials", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "credentials", description = "Private registry credentials (passwords are never returned)")
public class CredentialController {

    private final RegistryCredentials credentials;

    private final ApiLimits api;

    public CredentialController(RegistryCredentials credentials, ApiLimits api) {
        this.api = api;
        this.credentials = credentials;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Store (or replace) a registry credential: {name, serverAddress, username, password}")
    public ResponseEntity<CredentialView> save(@RequestBody CredentialRequest request) {
        RegistryCredentials.Saved saved = credentials.save(request);
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(saved.view());
    }

    @GetMapping
    @Operation(summary = "List stored credentials (name, server, username)",
            description = "Paged: at most `limit` credentials, by name (default berth.api.default-page-size); when there are more, the "
                    + "Berth-Continue response header holds the token to pass as `continue`.")
    public ResponseEntity<List<CredentialView>> list(
            @Parameter(description = "Items per page, 1 to berth.api.max-page-size (1000)")
            @RequestParam(required = false) String limit,
            @Parameter(description = "The Berth-Continue header of the previous page: the page after it")
            @RequestParam(name = "continue", required = false) String continueToken) {
        return credentials.page(PageRequest.parse(limit, continueToken, api)).response();
    }

    @GetMapping("/{name}")
    @Operation(summary = "Describe one credential (never its password)")
    public CredentialView get(@PathVariable String name) {
        return credentials.get(name);
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a credential; tasks launched later that name it fail to pull")
    public ResponseEntity<Void> delete(@PathVariable String name) {
        credentials.delete(name);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<ApiError> invalidField(InvalidFieldException e) {
        HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(),
                "request is invalid: " + e.field() + " " + e.getMessage(),
                List.of(new ApiError.FieldMessage(e.field(), e.getMessage()))));
    }
}
