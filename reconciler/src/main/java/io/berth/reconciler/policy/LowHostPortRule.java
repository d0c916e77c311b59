package io.berth.reconciler.policy;

import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;

import java.util.List;

/**
 * Host ports below 1024 are the host's own services (ssh, dns, http): a task holding one can stand in for them. With
 * host networking the container port is the host port.
 */
final class LowHostPortRule implements PolicyRule {

    static final int FIRST_UNPRIVILEGED = 1024;

    @Override
    public void check(TaskDefinitionSpec spec, ClusterPolicy policy, PolicyFindings findings) {
        if (policy.allowLowHostPorts()) {
            return;
        }
        boolean hostNetwork = spec.options().networkMode() == TaskOptions.NetworkMode.HOST;
        for (int i = 0; i < spec.containers().size(); i++) {
            List<PortMapping> ports = spec.containers().get(i).portMappings();
            for (int p = 0; p < ports.size(); p++) {
                PortMapping m = ports.get(p);
                boolean fixed = !m.isDynamic();
                int port = fixed ? m.hostPort() : m.containerPort();
                if ((fixed || hostNetwork) && port > 0 && port < FIRST_UNPRIVILEGED) {
                    String field = PolicyRule.container(i) + ".portMappings[" + p + "]."
                            + (fixed ? "hostPort" : "containerPort");
                    findings.refuse(field, "host port " + port + "/" + m.protocol() + " (below "
                            + FIRST_UNPRIVILEGED + ")", "allowLowHostPorts is false");
                }
            }
        }
    }
}
