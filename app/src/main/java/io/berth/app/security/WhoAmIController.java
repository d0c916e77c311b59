package io.berth.app.security;

import io.berth.app.security.access.AccessDeniedException;
import io.berth.app.security.access.AccessPolicy;
import io.berth.app.security.access.Permission;
import io.berth.app.security.access.Resource;
import io.berth.app.security.access.RoleStore;
import io.berth.app.security.access.Verb;
import io.berth.app.security.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@code GET /v1/auth/whoami}: the caller and the rules of its roles, for CLIs and consoles to show what is allowed. */
@RestController
@Tag(name = "auth", description = "Who is calling and what it may do")
public class WhoAmIController {

    /**
     * @param clusters empty = every cluster
     * @param allowed  each resource the caller may act on somewhere in its clusters, with those verbs: what a CLI or
     *                 console offers (absent resources: nothing at all)
     */
    public record WhoAmI(String name, String source, List<String> roles, List<String> clusters,
                         List<Map<String, List<String>>> rules, Map<String, List<String>> allowed) {
    }

    /** @param message why not, naming the verb, resource and cluster; absent when allowed */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record CanI(boolean allowed, String message) {
    }

    private final RoleStore roles;
    private final AccessPolicy policy;

    public WhoAmIController(RoleStore roles, AccessPolicy policy) {
        this.roles = roles;
        this.policy = policy;
    }

    @GetMapping(path = "/v1/auth/can-i", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Whether the caller may do VERB on RESOURCE (in CLUSTER; without it, in every cluster)")
    public CanI canI(@RequestParam String verb, @RequestParam String resource,
                     @RequestParam(required = false) String cluster, HttpServletRequest request) {
        Verb v = Verb.parse(verb).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "verb: must be one of " + Arrays.stream(Verb.values()).map(Verb::wire).toList() + ", got \"" + verb + "\""));
        Resource r = Resource.parse(resource).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "resource: must be one of " + Arrays.stream(Resource.values()).map(Resource::wire).toList()
                        + ", got \"" + resource + "\""));
        Caller caller = Caller.of(request).orElseThrow(() -> new IllegalStateException("no caller"));
        try {
            policy.check(caller, new Permission(v, r, cluster == null || cluster.isBlank() ? null : cluster.strip()));
            return new CanI(true, null);
        } catch (AccessDeniedException e) {
            return new CanI(false, e.getMessage());
        }
    }

    @GetMapping(path = "/v1/auth/whoami", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The caller, its roles, its clusters (empty = every cluster) and the rules it holds")
    public WhoAmI whoami(HttpServletRequest request) {
        Caller caller = Caller.of(request).orElseThrow(() -> new IllegalStateException("no caller"));
        List<Map<String, List<String>>> rules = new ArrayList<>();
        new TreeSet<>(caller.roles()).forEach(name -> roles.find(name)
                .ifPresent(role -> rules.addAll(RoleStore.toJson(role.rules()))));
        Map<String, List<String>> allowed = new TreeMap<>();
        policy.held(caller).forEach((resource, verbs) ->
                allowed.put(resource.wire(), verbs.stream().map(Verb::wire).toList()));
        return new WhoAmI(caller.name(), caller.source().name(), List.copyOf(new TreeSet<>(caller.roles())),
                List.copyOf(new TreeSet<>(caller.clusters())), rules, allowed);
    }
}
