package io.berth.app.manifest;

import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.scheduler.query.QueryParser;
import io.berth.reconciler.scheduler.query.QuerySyntaxException;
import io.berth.reconciler.traffic.Listener;
import io.berth.reconciler.traffic.ListenerRule;
import io.berth.reconciler.traffic.LoadBalancer;
import io.berth.reconciler.traffic.StatusMatcher;
import io.berth.reconciler.traffic.TargetGroup;
import io.berth.reconciler.traffic.TargetHealthCheck;
import io.berth.reconciler.traffic.TrafficNames;
import io.berth.reconciler.traffic.TrafficProtocol;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code spec} of {@code TargetGroup} and {@code LoadBalancer} documents and a service's
 * {@code loadBalancers}. Every value the traffic model would refuse is reported here first, naming its field, so the
 * model's own checks (which throw) never see bad input; a document with errors yields null.
 * References between documents (a listener's target group, a service's container) are checked at apply time, where
 * the stored ones are known too.
 */
final class TrafficReader {

    /** ELBv2 target group ARN: arn:PARTITION:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID. */
    private static final Pattern TARGET_GROUP_ARN = Pattern.compile(
            "arn:[a-z-]+:elasticloadbalancing:[a-z0-9-]*:[0-9]*:targetgroup/([^/]+)/[0-9a-fA-F]+");

    private TrafficReader() {
    }

    static TargetGroup targetGroup(String name, JsonNode node, String path, ErrorCollector errors) {
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return null;
        }
        TrafficProtocol protocol = protocol(fields, "protocol", errors);
        ObjectFields hc = fields.object("healthCheck");
        Duration delay = fields.duration("deregistrationDelay");
        Duration connectTimeout = fields.duration("connectTimeout");
        fields.rejectUnknown();
        int before = errorCount(errors);
        if (delay != null) {
            TargetGroup.deregistrationDelayProblem(delay).ifPresent(p -> errors.reject(fields.path("deregistrationDelay"), p));
        }
        if (connectTimeout != null) {
            TargetGroup.connectTimeoutProblem(connectTimeout).ifPresent(p -> errors.reject(fields.path("connectTimeout"), p));
        }
        TargetHealthCheck check = healthCheck(hc, fields.path("healthCheck"), protocol, errors);
        if (errorCount(errors) > before || check == null || protocol == null || name.isEmpty()) {
            return null;
        }
        return new TargetGroup(name, protocol, check, delay == null ? TargetGroup.DEFAULT_DEREGISTRATION_DELAY : delay,
                connectTimeout == null ? TargetGroup.DEFAULT_CONNECT_TIMEOUT : connectTimeout);
    }

    private static TargetHealthCheck healthCheck(ObjectFields f, String path, TrafficProtocol protocol,
                                                 ErrorCollector errors) {
        TargetHealthCheck defaults = TargetHealthCheck.defaults(protocol == null ? TrafficProtocol.HTTP : protocol);
        if (f == null) {
            return protocol == null ? null : defaults;
        }
        String checkPath = f.string("path");
        JsonNode portNode = f.get("port");
        Duration interval = f.duration("interval");
        Duration timeout = f.duration("timeout");
        Integer healthy = f.integer("healthyThreshold");
        Integer unhealthy = f.integer("unhealthyThreshold");
        String matcherText = f.string("matcher");
        f.rejectUnknown();
        boolean ok = true;
        int port = TargetHealthCheck.TRAFFIC_PORT;
        if (portNode != null) {
            if (portNode.isString() && portNode.stringValue().equals(TargetHealthCheck.TRAFFIC_PORT_TEXT)) {
                port = TargetHealthCheck.TRAFFIC_PORT;
            } else if (portNode.isIntegralNumber() && portNode.canConvertToInt()
                    && TrafficNames.portProblem(portNode.intValue()).isEmpty()) {
                port = portNode.intValue();
            } else {
                errors.reject(f.path("port"), "must be \"traffic-port\" or a port number 1-65535, got "
                        + NodeTypes.describe(portNode));
                ok = false;
            }
        }
        if (checkPath != null) {
            if (protocol == TrafficProtocol.TCP) {
                errors.reject(f.path("path"), "a TCP target group checks by connecting; it has no health check path");
                ok = false;
            } else if (TrafficNames.pathProblem(checkPath).isPresent()) {
                errors.reject(f.path("path"), TrafficNames.pathProblem(checkPath).get());
                ok = false;
            }
        }
        StatusMatcher matcher = defaults.matcher();
        if (matcherText != null) {
            if (protocol == TrafficProtocol.TCP) {
                errors.reject(f.path("matcher"), "a TCP target group checks by connecting; it has no matcher");
                ok = false;
            } else {
                try {
                    matcher = StatusMatcher.parse(matcherText);
                } catch (IllegalArgumentException e) {
                    errors.reject(f.path("matcher"), e.getMessage());
                    ok = false;
                }
            }
        }
        Duration i = interval == null ? defaults.interval() : interval;
        Duration t = timeout == null ? defaults.timeout() : timeout;
        int up = healthy == null ? defaults.healthyThreshold() : healthy;
        int down = unhealthy == null ? defaults.unhealthyThreshold() : unhealthy;
        Optional<String> problem = TargetHealthCheck.problems(i, t, up, down);
        if (problem.isPresent()) {
            String field = problem.get().substring(0, problem.get().indexOf(' '));
            errors.reject(path + "." + field, problem.get().substring(field.length() + 1));
            ok = false;
        }
        if (!ok || protocol == null) {
            return null;
        }
        Optional<String> p = protocol == TrafficProtocol.TCP ? Optional.empty()
                : Optional.of(checkPath == null ? defaults.path().orElseThrow() : checkPath);
        return new TargetHealthCheck(p, port, i, t, up, down, matcher);
    }

    static LoadBalancer loadBalancer(String name, JsonNode node, String path, ErrorCollector errors) {
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return null;
        }
        String placement = fields.string("placement");
        int before = errorCount(errors);
        List<Listener> listeners = fields.objects("listeners", TrafficReader::listener);
        JsonNode listenerNode = fields.get("listeners");
        fields.rejectUnknown();
        if (placement != null) {
            try {
                QueryParser.parse(placement);
            } catch (QuerySyntaxException e) {
                errors.reject(fields.path("placement"), e.getMessage());
            }
        }
        if (listenerNode == null || (listenerNode.isArray() && listenerNode.isEmpty())) {
            errors.reject(fields.path("listeners"), "at least one listener is required");
        } else if (listenerNode.isArray() && listenerNode.size() > LoadBalancer.MAX_LISTENERS) {
            errors.reject(fields.path("listeners"), "at most " + LoadBalancer.MAX_LISTENERS + " listeners");
        }
        Map<Integer, Integer> ports = new HashMap<>();
        if (listenerNode != null && listenerNode.isArray()) {
            for (int i = 0; i < listenerNode.size(); i++) {
                JsonNode port = listenerNode.get(i).get("port");
                if (port != null && port.isIntegralNumber()) {
                    Integer previous = ports.putIfAbsent(port.intValue(), i);
                    if (previous != null) {
                        errors.reject(fields.path("listeners") + "[" + i + "].port", "port " + port.intValue()
                                + " is also the port of listeners[" + previous + "]");
                    }
                }
            }
        }
        if (errorCount(errors) > before || name.isEmpty()
                || listenerNode == null || listeners.size() != listenerNode.size()) {
            return null;
        }
        return new LoadBalancer(name, Optional.ofNullable(placement), listeners);
    }

    private static Listener listener(ObjectFields f) {
        ErrorCollector errors = f.errors();
        int before = errorCount(errors);
        Integer port = f.requiredInteger("port");
        TrafficProtocol protocol = protocol(f, "protocol", errors);
        String defaultGroup = f.requiredString("defaultTargetGroup");
        List<ListenerRule> rules = f.objects("rules", TrafficReader::rule);
        JsonNode ruleNode = f.get("rules");
        f.rejectUnknown();
        if (port != null && TrafficNames.portProblem(port).isPresent()) {
            f.reject(f.path("port"), TrafficNames.portProblem(port).get());
        }
        if (defaultGroup != null && TrafficNames.nameProblem(defaultGroup).isPresent()) {
            f.reject(f.path("defaultTargetGroup"), TrafficNames.nameProblem(defaultGroup).get());
        }
        if (protocol == TrafficProtocol.TCP && ruleNode != null && ruleNode.isArray() && !ruleNode.isEmpty()) {
            f.reject(f.path("rules"), "a TCP listener routes by port only; it has no rules");
        }
        if (ruleNode != null && ruleNode.isArray() && ruleNode.size() > Listener.MAX_RULES) {
            f.reject(f.path("rules"), "at most " + Listener.MAX_RULES + " rules");
        }
        if (errorCount(errors) > before || port == null || protocol == null || defaultGroup == null
                || (ruleNode != null && rules.size() != ruleNode.size())) {
            return null;
        }
        return new Listener(port, protocol, defaultGroup, rules);
    }

    private static ListenerRule rule(ObjectFields f) {
        ErrorCollector errors = f.errors();
        int before = errorCount(errors);
        String pathPrefix = f.string("pathPrefix");
        String host = f.string("host");
        String group = f.requiredString("targetGroup");
        f.rejectUnknown();
        if (pathPrefix == null && host == null) {
            f.reject(f.path("pathPrefix"), "a rule needs a pathPrefix or a host (or both)");
        }
        if (pathPrefix != null) {
            TrafficNames.pathProblem(pathPrefix).ifPresent(p -> f.reject(f.path("pathPrefix"), p));
        }
        if (host != null) {
            TrafficNames.hostProblem(host).ifPresent(p -> f.reject(f.path("host"), p));
        }
        if (group != null) {
            TrafficNames.nameProblem(group).ifPresent(p -> f.reject(f.path("targetGroup"), p));
        }
        if (errorCount(errors) > before || group == null) {
            return null;
        }
        return new ListenerRule(Optional.ofNullable(pathPrefix), Optional.ofNullable(host), group);
    }

    /** HTTP when absent, as in the examples; otherwise HTTP or TCP. */
    private static TrafficProtocol protocol(ObjectFields f, String key, ErrorCollector errors) {
        String text = f.string(key);
        if (text == null) {
            return f.get(key) == null ? TrafficProtocol.HTTP : null;
        }
        try {
            return TrafficProtocol.valueOf(text);
        } catch (IllegalArgumentException e) {
            errors.reject(f.path(key), "must be HTTP or TCP, got \"" + text + "\"");
            return null;
        }
    }

    /**
     * A service's {@code loadBalancers}: {@code [{targetGroup | targetGroupArn, containerName, containerPort}]}, the
     * second the ECS form (the ARN's name part names the group). Empty when absent.
     */
    static List<ServiceLoadBalancer> serviceLoadBalancers(ObjectFields fields, ErrorCollector errors) {
        JsonNode node = fields.get("loadBalancers");
        List<ServiceLoadBalancer> result = fields.objects("loadBalancers", f -> serviceLoadBalancer(f, errors));
        if (node != null && node.isArray() && node.size() > ServiceLoadBalancer.MAX_PER_SERVICE) {
            errors.reject(fields.path("loadBalancers"), "at most " + ServiceLoadBalancer.MAX_PER_SERVICE
                    + " target groups per service");
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            ServiceLoadBalancer lb = result.get(i);
            String key = lb.targetGroup() + "/" + lb.containerName() + "/" + lb.containerPort();
            if (seen.contains(key)) {
                errors.reject(fields.path("loadBalancers") + "[" + i + "]", "is given twice");
            }
            seen.add(key);
        }
        return result;
    }

    private static ServiceLoadBalancer serviceLoadBalancer(ObjectFields f, ErrorCollector errors) {
        int before = errorCount(errors);
        String group = f.string("targetGroup");
        String arn = f.string("targetGroupArn");
        String container = f.requiredString("containerName");
        Integer port = f.requiredInteger("containerPort");
        f.rejectUnknown();
        if (group != null && arn != null) {
            f.reject(f.path("targetGroupArn"), "give either targetGroup or targetGroupArn, not both");
        } else if (group == null && arn == null) {
            f.reject(f.path("targetGroup"), "is required (or targetGroupArn)");
        } else if (arn != null) {
            Matcher m = TARGET_GROUP_ARN.matcher(arn);
            if (!m.matches()) {
                f.reject(f.path("targetGroupArn"), "must be a target group ARN "
                        + "(arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID)");
            } else {
                group = m.group(1);
            }
        }
        if (group != null && TrafficNames.nameProblem(group).isPresent()) {
            f.reject(f.path(arn != null ? "targetGroupArn" : "targetGroup"), TrafficNames.nameProblem(group).get());
        }
        if (port != null && TrafficNames.portProblem(port).isPresent()) {
            f.reject(f.path("containerPort"), TrafficNames.portProblem(port).get());
        }
        if (errorCount(errors) > before || group == null || container == null || port == null) {
            return null;
        }
        return new ServiceLoadBalancer(group, container, port);
    }

    private static int errorCount(ErrorCollector errors) {
        return errors.count();
    }
}
