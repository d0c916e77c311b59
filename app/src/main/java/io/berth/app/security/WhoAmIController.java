package io.berth.app.security;

import io.berth.app.security.access.RoleStore;
import io.berth.app.security.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** {@code GET /v1/auth/whoami}: the caller and the rules of its roles, for CLIs and consoles to show what is allowed. */
@RestController
@Tag(name = "auth", description = "Who is calling and what it may do")
public class WhoAmIController {

    /** @param clusters empty = every cluster */
    public record WhoAmI(String name, String source, List<String> roles, List<String> clusters,
                         List<Map<String, List<String>>> rules) {
    }

    private final RoleStore roles;

    public WhoAmIController(RoleStore roles) {
        this.roles = roles;
    }

    @GetMapping(path = "/v1/auth/whoami", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The caller, its roles, its clusters (empty = every cluster) and the rules it holds")
    public WhoAmI whoami(HttpServletRequest request) {
        Caller caller = Caller.of(request).orElseThrow(() -> new IllegalStateException("no caller"));
        List<Map<String, List<String>>> rules = new ArrayList<>();
        new TreeSet<>(caller.roles()).forEach(name -> roles.find(name)
                .ifPresent(role -> rules.addAll(RoleStore.toJson(role.rules()))));
        return new WhoAmI(caller.name(), caller.source().name(), List.copyOf(new TreeSet<>(caller.roles())),
                List.copyOf(new TreeSet<>(caller.clusters())), rules);
    }
}
