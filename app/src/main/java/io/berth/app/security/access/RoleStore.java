package io.berth.app.security.access;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The built-in roles, and the custom ones in the {@code access_role} table (migration V22). A custom role is read on
 * each use, so that changing it takes effect at once on every Berth process.
 */
@Component
public class RoleStore implements RoleCatalog {

    /** Bounds the list like every list of the API. */
    public static final int MAX_LISTED = 1000;
    private static final TypeReference<List<Map<String, List<String>>>> RULES = new TypeReference<>() {
    };

    public enum Outcome { CREATED, CONFIGURED, UNCHANGED }

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public RoleStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<Role> find(String name) {
        Optional<Role> builtIn = BuiltInRoles.find(name);
        if (builtIn.isPresent()) {
            return builtIn;
        }
        return jdbc.query("select name, rules from access_role where name = ?",
                (rs, n) -> new Role(rs.getString("name"), rules(rs.getString("rules"))), name).stream().findFirst();
    }

    /** Built-in roles first, then custom ones by name. */
    public List<Role> list() {
        List<Role> roles = new ArrayList<>(BuiltInRoles.ALL);
        roles.addAll(jdbc.query("select name, rules from access_role order by name limit ?",
                (rs, n) -> new Role(rs.getString("name"), rules(rs.getString("rules"))), MAX_LISTED));
        return roles;
    }

    /** What storing this role would do, without storing it. */
    public Outcome plan(Role role) {
        return find(role.name()).map(existing -> same(existing, role) ? Outcome.UNCHANGED : Outcome.CONFIGURED)
                .orElse(Outcome.CREATED);
    }

    /** Creates or replaces a custom role (inside the caller's transaction). */
    public void put(Role role, Map<String, String> labels, Instant now) {
        if (BuiltInRoles.isBuiltIn(role.name())) {
            throw new IllegalArgumentException("built-in role " + role.name() + " cannot be changed");
        }
        jdbc.update("""
                insert into access_role (name, rules, labels, created_at, updated_at) values (?, ?::jsonb, ?::jsonb, ?, ?)
                on conflict (name) do update set rules = excluded.rules, labels = excluded.labels,
                    updated_at = excluded.updated_at
                """, role.name(), json.writeValueAsString(toJson(role.rules())), json.writeValueAsString(labels),
                Timestamp.from(now), Timestamp.from(now));
    }

    /** @return false when there is no such custom role */
    public boolean delete(String name) {
        return jdbc.update("delete from access_role where name = ?", name) == 1;
    }

    private static boolean same(Role a, Role b) {
        return Set.copyOf(a.rules()).equals(Set.copyOf(b.rules()));
    }

    private List<Rule> rules(String text) {
        List<Rule> rules = new ArrayList<>();
        for (Map<String, List<String>> rule : json.readValue(text, RULES)) {
            rules.add(new Rule(
                    rule.getOrDefault("verbs", List.of()).stream().map(Verb::parse).flatMap(Optional::stream)
                            .collect(Collectors.toSet()),
                    rule.getOrDefault("resources", List.of()).stream().map(Resource::parse).flatMap(Optional::stream)
                            .collect(Collectors.toSet()),
                    Set.copyOf(rule.getOrDefault("clusters", List.of()))));
        }
        return rules;
    }

    /** Rules as the API shows them and as they are stored: lower-case names, sorted. */
    public static List<Map<String, List<String>>> toJson(List<Rule> rules) {
        List<Map<String, List<String>>> out = new ArrayList<>();
        for (Rule rule : rules) {
            Map<String, List<String>> map = new LinkedHashMap<>();
            map.put("verbs", rule.verbs().stream().sorted().map(Verb::wire).toList());
            map.put("resources", rule.resources().stream().sorted().map(Resource::wire).toList());
            map.put("clusters", List.copyOf(new TreeSet<>(rule.clusters())));
            out.add(map);
        }
        return out;
    }
}
