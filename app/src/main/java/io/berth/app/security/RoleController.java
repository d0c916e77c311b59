package io.berth.app.security;

import io.berth.app.security.access.BuiltInRoles;
import io.berth.app.security.access.Role;
import io.berth.app.security.access.RoleStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Map;

/** {@code /v1/roles}: the built-in roles and the custom ones applied as {@code kind: Role}. */
@RestController
@RequestMapping(path = "/v1/roles", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "roles", description = "Roles: verbs on resources in clusters; custom ones are applied as kind: Role")
public class RoleController {

    /** @param builtIn true for admin, operator, deployer and viewer, which cannot be changed */
    public record RoleView(String name, boolean builtIn, List<Map<String, List<String>>> rules) {

        static RoleView of(Role role) {
            return new RoleView(role.name(), BuiltInRoles.isBuiltIn(role.name()), RoleStore.toJson(role.rules()));
        }
    }

    private final RoleStore roles;

    public RoleController(RoleStore roles) {
        this.roles = roles;
    }

    @GetMapping
    @Operation(summary = "List the built-in roles, then the custom ones by name")
    public List<RoleView> list() {
        return roles.list().stream().map(RoleView::of).toList();
    }

    @GetMapping("/{name}")
    @Operation(summary = "Show a role and its rules")
    public RoleView get(@PathVariable String name) {
        return roles.find(name).map(RoleView::of).orElseThrow(() -> notFound(name));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a custom role; tokens that name it are left with no permission")
    public void delete(@PathVariable String name) {
        if (BuiltInRoles.isBuiltIn(name)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "role \"" + name + "\" is built in and cannot be deleted");
        }
        if (!roles.delete(name)) {
            throw notFound(name);
        }
    }

    private static ResponseStatusException notFound(String name) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "role \"" + name + "\" not found");
    }
}
