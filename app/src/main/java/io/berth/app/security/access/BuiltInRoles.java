package io.berth.app.security.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.berth.app.security.access.Resource.AUDIT;
import static io.berth.app.security.access.Resource.CREDENTIALS;
import static io.berth.app.security.access.Resource.DEPLOYMENTS;
import static io.berth.app.security.access.Resource.INSTANCES;
import static io.berth.app.security.access.Resource.ROLES;
import static io.berth.app.security.access.Resource.SCHEDULED_TASKS;
import static io.berth.app.security.access.Resource.SERVICES;
import static io.berth.app.security.access.Resource.TASKS;
import static io.berth.app.security.access.Resource.TASK_DEFINITIONS;
import static io.berth.app.security.access.Resource.TOKENS;
import static io.berth.app.security.access.Verb.CREATE;
import static io.berth.app.security.access.Verb.DELETE;
import static io.berth.app.security.access.Verb.EXEC;
import static io.berth.app.security.access.Verb.GET;
import static io.berth.app.security.access.Verb.LIST;
import static io.berth.app.security.access.Verb.UPDATE;
import static io.berth.app.security.access.Verb.WATCH;

/**
 * The roles every installation has. Reading leaves out registry credentials, tokens, roles and the audit trail: they
 * say who may do what, who did what, and pull from where, which is the admin's business.
 */
public final class BuiltInRoles {

    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String DEPLOYER = "deployer";
    public static final String VIEWER = "viewer";

    private static final Set<Verb> READ = EnumSet.of(GET, LIST, WATCH);
    private static final Set<Resource> READABLE = EnumSet.complementOf(EnumSet.of(CREDENTIALS, TOKENS, ROLES, AUDIT));
    private static final Rule READ_ALL = new Rule(READ, READABLE, Set.of());

    /** Everything, including cluster policy, tokens, roles, hosts and registry credentials. */
    public static final Role ADMIN_ROLE = new Role(ADMIN,
            List.of(new Rule(EnumSet.allOf(Verb.class), EnumSet.allOf(Resource.class), Set.of())));
    /** Runs the hosts and the services on them: registers and drains hosts, runs, stops, schedules and execs into tasks. */
    public static final Role OPERATOR_ROLE = new Role(OPERATOR, List.of(READ_ALL,
            new Rule(EnumSet.of(CREATE, UPDATE), Set.of(INSTANCES), Set.of()),
            new Rule(EnumSet.of(CREATE, UPDATE, DELETE), Set.of(SERVICES), Set.of()),
            new Rule(EnumSet.of(CREATE), Set.of(DEPLOYMENTS), Set.of()),
            new Rule(EnumSet.of(CREATE, DELETE, EXEC), Set.of(TASKS), Set.of()),
            new Rule(EnumSet.of(CREATE, UPDATE, DELETE), Set.of(SCHEDULED_TASKS), Set.of())));
    /** What a CI pipeline needs: apply task definitions and services (which scales them), roll out and back. */
    public static final Role DEPLOYER_ROLE = new Role(DEPLOYER, List.of(READ_ALL,
            new Rule(EnumSet.of(CREATE, UPDATE), Set.of(TASK_DEFINITIONS, SERVICES), Set.of()),
            new Rule(EnumSet.of(CREATE), Set.of(DEPLOYMENTS), Set.of())));
    /** Reads, watches and follows logs. */
    public static final Role VIEWER_ROLE = new Role(VIEWER, List.of(READ_ALL));

    public static final List<Role> ALL = List.of(ADMIN_ROLE, OPERATOR_ROLE, DEPLOYER_ROLE, VIEWER_ROLE);
    private static final Map<String, Role> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Role::name, Function.identity()));

    private BuiltInRoles() {
    }

    public static Optional<Role> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static boolean isBuiltIn(String name) {
        return BY_NAME.containsKey(name);
    }
}
