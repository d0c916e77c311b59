package io.berth.reconciler.store;

import io.berth.reconciler.traffic.Listener;
import io.berth.reconciler.traffic.ListenerRule;
import io.berth.reconciler.traffic.LoadBalancer;
import io.berth.reconciler.traffic.StatusMatcher;
import io.berth.reconciler.traffic.TargetGroup;
import io.berth.reconciler.traffic.TargetHealthCheck;
import io.berth.reconciler.traffic.TrafficProtocol;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Storage form of a {@link TargetGroup} ({@code target_group.spec}) and a {@link LoadBalancer}
 * ({@code load_balancer.spec}): canonical JSON (sorted keys, durations as ISO-8601), so that an unchanged re-apply
 * compares equal. The name is the row's, not the JSON's.
 */
public final class TrafficSpecJson {

    private final JsonMapper mapper = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    public String toJson(TargetGroup group) {
        ObjectNode root = mapper.createObjectNode();
        root.put("protocol", group.protocol().name());
        root.put("deregistrationDelay", group.deregistrationDelay().toString());
        // Only when not the default: a group stored before the field existed re-applies unchanged.
        if (!group.connectTimeout().equals(TargetGroup.DEFAULT_CONNECT_TIMEOUT)) {
            root.put("connectTimeout", group.connectTimeout().toString());
        }
        TargetHealthCheck hc = group.healthCheck();
        ObjectNode check = root.putObject("healthCheck")
                .put("port", hc.port())
                .put("interval", hc.interval().toString())
                .put("timeout", hc.timeout().toString())
                .put("healthyThreshold", hc.healthyThreshold())
                .put("unhealthyThreshold", hc.unhealthyThreshold())
                .put("matcher", hc.matcher().toString());
        hc.path().ifPresent(p -> check.put("path", p));
        return mapper.writeValueAsString(root);
    }

    /** @throws IllegalArgumentException when {@code json} is not a stored target group spec */
    public TargetGroup targetGroup(String name, String json) {
        try {
            JsonNode root = mapper.readTree(json);
            JsonNode hc = root.path("healthCheck");
            return new TargetGroup(name, TrafficProtocol.valueOf(root.path("protocol").asString()),
                    new TargetHealthCheck(text(hc.path("path")), hc.path("port").asInt(),
                            Duration.parse(hc.path("interval").asString()), Duration.parse(hc.path("timeout").asString()),
                            hc.path("healthyThreshold").asInt(), hc.path("unhealthyThreshold").asInt(),
                            StatusMatcher.parse(hc.path("matcher").asString())),
                    Duration.parse(root.path("deregistrationDelay").asString()),
                    root.hasNonNull("connectTimeout") ? Duration.parse(root.path("connectTimeout").asString())
                            : TargetGroup.DEFAULT_CONNECT_TIMEOUT);
        } catch (JacksonException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a stored target group spec: " + e.getMessage(), e);
        }
    }

    public String toJson(LoadBalancer lb) {
        ObjectNode root = mapper.createObjectNode();
        lb.placement().ifPresent(p -> root.put("placement", p));
        ArrayNode listeners = root.putArray("listeners");
        for (Listener l : lb.listeners()) {
            ObjectNode node = listeners.addObject().put("port", l.port()).put("protocol", l.protocol().name())
                    .put("defaultTargetGroup", l.defaultTargetGroup());
            ArrayNode rules = node.putArray("rules");
            for (ListenerRule r : l.rules()) {
                ObjectNode rule = rules.addObject().put("targetGroup", r.targetGroup());
                r.pathPrefix().ifPresent(p -> rule.put("pathPrefix", p));
                r.host().ifPresent(h -> rule.put("host", h));
            }
        }
        return mapper.writeValueAsString(root);
    }

    /** @throws IllegalArgumentException when {@code json} is not a stored load balancer spec */
    public LoadBalancer loadBalancer(String name, String json) {
        try {
            JsonNode root = mapper.readTree(json);
            List<Listener> listeners = new ArrayList<>();
            for (JsonNode l : root.path("listeners")) {
                List<ListenerRule> rules = new ArrayList<>();
                for (JsonNode r : l.path("rules")) {
                    rules.add(new ListenerRule(text(r.path("pathPrefix")), text(r.path("host")),
                            r.path("targetGroup").asString()));
                }
                listeners.add(new Listener(l.path("port").asInt(), TrafficProtocol.valueOf(l.path("protocol").asString()),
                        l.path("defaultTargetGroup").asString(), rules));
            }
            return new LoadBalancer(name, text(root.path("placement")), listeners);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a stored load balancer spec: " + e.getMessage(), e);
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node.isString() ? Optional.of(node.asString()) : Optional.empty();
    }
}
