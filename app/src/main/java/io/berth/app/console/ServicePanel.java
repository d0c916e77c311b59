package io.berth.app.console;

import io.berth.app.api.FirstPages;
import io.berth.app.api.ServiceViews;
import io.berth.app.api.dto.ContainerInstanceView;
import io.berth.app.api.dto.DeploymentView;
import io.berth.app.api.dto.ServiceView;
import io.berth.app.security.access.Resource;
import io.berth.app.security.access.Verb;
import io.berth.app.security.identity.Caller;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the service page shows of a service and its tasks, read through the API's views with the caller's
 * permissions: built for the page and again for each live update of it.
 */
public class ServicePanel {

    /**
     * @param tasks     newest first, at most the console's list limit
     * @param moreTasks   there are more than {@code tasks}
     * @param deployments the newest deployments; null when the caller may not list deployments
     */
    public record Model(ServiceView service, List<TaskRow> tasks, boolean moreTasks,
                        List<DeploymentView> deployments, Instant at) {
    }

    /** Deployments a service page shows: the current one and those it replaced lately. */
    static final int DEPLOYMENTS = 10;

    private final ServiceViews services;
    private final FirstPages pages;
    private final ConsoleAccess access;
    private final Clock clock;
    private final int limit;

    public ServicePanel(ServiceViews services, FirstPages pages, ConsoleAccess access, Clock clock, int limit) {
        this.services = services;
        this.pages = pages;
        this.access = access;
        this.clock = clock;
        this.limit = limit;
    }

    /**
     * @throws io.berth.app.security.access.AccessDeniedException when the caller may not get the service or list
     *         its tasks
     * @throws org.springframework.web.server.ResponseStatusException 404 for an unknown cluster or service
     */
    public Model read(Caller caller, String cluster, String name) {
        access.require(caller, Verb.GET, Resource.SERVICES, cluster);
        access.require(caller, Verb.LIST, Resource.TASKS, cluster);
        ServiceView service = services.get(cluster, name);
        Map<UUID, String> hosts = new HashMap<>();
        if (access.can(caller, Verb.LIST, Resource.INSTANCES, cluster)) {
            for (ContainerInstanceView i : pages.instances(cluster, 1000).items()) {
                hosts.put(i.id(), i.name() != null ? i.name() : i.hostname());
            }
        }
        FirstPages.Rows<io.berth.app.api.dto.TaskView> tasks = pages.tasks(cluster, name, limit);
        List<DeploymentView> deployments = access.can(caller, Verb.LIST, Resource.DEPLOYMENTS, cluster)
                ? pages.deployments(cluster, name, DEPLOYMENTS).items() : null;
        Instant now = clock.instant();
        return new Model(service, tasks.items().stream().map(t -> TaskRow.of(t, hosts, now)).toList(),
                tasks.more(), deployments, now);
    }
}
