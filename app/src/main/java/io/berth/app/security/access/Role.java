package io.berth.app.security.access;

import java.util.List;

/** A named list of rules; allows what any of its rules allows. */
public record Role(String name, List<Rule> rules) {

    public Role {
        rules = List.copyOf(rules);
    }

    public boolean allows(Permission permission) {
        return rules.stream().anyMatch(rule -> rule.allows(permission));
    }
}
