package io.berth.app.console;

import io.berth.app.api.ClusterPolicies;
import io.berth.app.api.FirstPages;
import io.berth.app.api.TaskViews;
import io.berth.app.api.dto.ClusterView;
import io.berth.app.api.dto.ContainerInstanceView;
import io.berth.app.api.dto.TaskView;
import io.berth.app.security.access.Resource;
import io.berth.app.security.access.Verb;
import io.berth.app.security.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.List;

/**
 * The console's read pages. Each checks what the matching API route checks ({@link ConsoleAccess}), then reads
 * through the API's own views ({@link FirstPages}, {@link TaskViews}, {@link ServicePanel}).
 */
@Controller
@Hidden // pages, not API: kept out of the OpenAPI document
@ConditionalOnProperty(prefix = "berth.console", name = "enabled", havingValue = "true", matchIfMissing = true)
class ConsolePages {

    private final FirstPages pages;
    private final TaskViews tasks;
    private final ServicePanel panel;
    private final ConsoleAccess access;
    private final ConsoleProperties props;
    private final LiveServiceStreams live;
    private final LiveTaskLogs taskLogs;
    private final ClusterPolicies policies;
    private final io.berth.app.api.ServiceScalingViews scaling;
    private final io.berth.app.api.ServiceTargetViews targets;

    ConsolePages(FirstPages pages, TaskViews tasks, ServicePanel panel, ConsoleAccess access, ConsoleProperties props,
                 LiveServiceStreams live, LiveTaskLogs taskLogs, ClusterPolicies policies,
                 io.berth.app.api.ServiceScalingViews scaling, io.berth.app.api.ServiceTargetViews targets) {
        this.scaling = scaling;
        this.targets = targets;
        this.live = live;
        this.taskLogs = taskLogs;
        this.policies = policies;
        this.pages = pages;
        this.tasks = tasks;
        this.panel = panel;
        this.access = access;
        this.props = props;
    }

    @GetMapping("/ui/clusters")
    String clusters(HttpServletRequest request, Model model) {
        Caller caller = ConsoleRequest.caller(request);
        access.require(caller, Verb.LIST, Resource.CLUSTERS, null);
        FirstPages.Rows<ClusterView> rows = pages.clusters(props.listLimit());
        List<ClusterView> visible = rows.items().stream().filter(c -> ConsoleAccess.inScope(caller, c.name())).toList();
        model.addAttribute("clusters", visible);
        model.addAttribute("more", rows.more());
        return "console/clusters";
    }

    @GetMapping("/ui/clusters/{cluster}/instances")
    String instances(HttpServletRequest request, Model model, @PathVariable String cluster) {
        Caller caller = ConsoleRequest.caller(request);
        access.require(caller, Verb.LIST, Resource.INSTANCES, cluster);
        FirstPages.Rows<ContainerInstanceView> rows = pages.instances(cluster, props.listLimit());
        model.addAttribute("cluster", cluster);
        model.addAttribute("canUpdate", access.can(caller, Verb.UPDATE, Resource.INSTANCES, cluster));
        model.addAttribute("instances", rows.items());
        model.addAttribute("more", rows.more());
        return "console/instances";
    }

    @GetMapping("/ui/clusters/{cluster}/services")
    String services(HttpServletRequest request, Model model, @PathVariable String cluster) {
        access.require(ConsoleRequest.caller(request), Verb.LIST, Resource.SERVICES, cluster);
        FirstPages.Rows<io.berth.app.api.dto.ServiceView> rows = pages.services(cluster, props.listLimit());
        model.addAttribute("cluster", cluster);
        model.addAttribute("services", rows.items());
        model.addAttribute("more", rows.more());
        return "console/services";
    }

    @GetMapping("/ui/clusters/{cluster}/services/{name}")
    String service(HttpServletRequest request, Model model, @PathVariable String cluster, @PathVariable String name) {
        Caller caller = ConsoleRequest.caller(request);
        model.addAttribute("cluster", cluster);
        ServicePanel.Model read = panel.read(caller, cluster, name);
        model.addAttribute("panel", read);
        model.addAttribute("canDeploy", access.can(caller, Verb.CREATE, Resource.DEPLOYMENTS, cluster));
        // Read once per page load, not on live updates: target health asks the load balancers themselves.
        model.addAttribute("scaling", scaling.of(read.service()));
        model.addAttribute("targets", access.can(caller, Verb.GET, Resource.TARGET_GROUPS, cluster)
                ? targets.of(cluster, name) : List.of());
        model.addAttribute("rollbackTargets", rollbackTargets(read));
        return "console/service";
    }

    /** The service page's live updates (Server-Sent Events of HTML fragments), as the page's reader may see them. */
    @GetMapping(path = "/ui/clusters/{cluster}/services/{name}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(HttpServletRequest request, @PathVariable String cluster, @PathVariable String name) {
        panel.read(ConsoleRequest.caller(request), cluster, name); // 403 / 404 before the stream opens
        return live.open(ConsoleRequest.session(request), cluster, name);
    }

    @GetMapping("/ui/clusters/{cluster}/tasks/{id}")
    String task(HttpServletRequest request, Model model, @PathVariable String cluster, @PathVariable String id) {
        Caller caller = ConsoleRequest.caller(request);
        access.require(caller, Verb.GET, Resource.TASKS, cluster);
        TaskView task = tasks.get(cluster, id);
        model.addAttribute("cluster", cluster);
        model.addAttribute("task", task);
        model.addAttribute("canLogs", access.can(caller, Verb.GET, Resource.LOGS, cluster));
        model.addAttribute("logLines", taskLogs.lines());
        model.addAttribute("noTerminal", noTerminal(caller, cluster, task));
        model.addAttribute("xtermPath", ConsoleAssets.XTERM);
        model.addAttribute("xtermFitPath", ConsoleAssets.XTERM_FIT);
        model.addAttribute("xtermCssPath", ConsoleAssets.XTERM_CSS);
        model.addAttribute("taskScriptPath", ConsoleAssets.TASK_SCRIPT);
        return "console/task";
    }

    /** Why the page offers no terminal; null when it does (the token may exec and the cluster allows it). */
    private String noTerminal(Caller caller, String cluster, TaskView task) {
        if (!access.can(caller, Verb.EXEC, Resource.TASKS, cluster)) {
            return "No terminal: this token may not exec into tasks in cluster " + cluster + ".";
        }
        if (!Boolean.TRUE.equals(policies.get(cluster).allowExec())) {
            return "No terminal: exec is off in cluster " + cluster + " (its policy's allowExec is false).";
        }
        if (!"RUNNING".equals(task.lastStatus())) {
            return "No terminal: the task is " + task.lastStatus() + ", not RUNNING.";
        }
        return null;
    }

    /** Revisions the service ran in its listed deployments, newest first, other than the one it runs now. */
    static List<String> rollbackTargets(ServicePanel.Model read) {
        if (read.deployments() == null) {
            return List.of();
        }
        return read.deployments().stream().map(io.berth.app.api.dto.DeploymentView::taskDefinition)
                .filter(t -> t != null && !t.equals(read.service().taskDefinition())).distinct().toList();
    }
}
