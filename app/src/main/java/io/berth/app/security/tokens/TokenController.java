package io.berth.app.security.tokens;

import io.berth.app.security.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code /v1/tokens}: API tokens with a role and a cluster scope. */
@RestController
@RequestMapping(path = "/v1/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "tokens", description = "API tokens: a role and the clusters it reaches")
public class TokenController {

    private final TokenService tokens;

    public TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a token", description = "The answer carries the secret; it is shown this once and "
            + "only its SHA-256 is stored. A token may not hold more than its creator; only admin creates tokens for "
            + "every cluster.")
    public CreatedToken create(@RequestBody(required = false) TokenRequest request, HttpServletRequest http) {
        return tokens.create(caller(http), request);
    }

    @GetMapping
    @Operation(summary = "List tokens that are not revoked (never their secrets)")
    public List<TokenView> list() {
        return tokens.list();
    }

    @GetMapping("/{name}")
    @Operation(summary = "Show a token (never its secret)")
    public TokenView get(@PathVariable String name) {
        return tokens.get(name);
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a token; it is refused (401) from the next request on")
    public void revoke(@PathVariable String name) {
        tokens.revoke(name);
    }

    static Caller caller(HttpServletRequest request) {
        return Caller.of(request).orElseThrow(() -> new IllegalStateException("no caller on an authenticated request"));
    }
}
