package io.berth.app.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import io.berth.reconciler.scheduler.placement.PlacementStrategy;

import java.util.List;

/** One placement strategy ({@code {type, field}}) or constraint ({@code {type, expression}}), as a manifest writes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlacementItemView(String type, String field, String expression) {

    public static List<PlacementItemView> strategies(List<PlacementStrategy> strategies) {
        return strategies.stream().map(s -> new PlacementItemView(s.type(), s.field(), null)).toList();
    }

    public static List<PlacementItemView> constraints(List<PlacementConstraint> constraints) {
        return constraints.stream().map(c -> new PlacementItemView(c.type(), null, c.expression())).toList();
    }
}
