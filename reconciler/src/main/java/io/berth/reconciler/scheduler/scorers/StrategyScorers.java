package io.berth.reconciler.scheduler.scorers;

import io.berth.reconciler.scheduler.placement.PlacementStrategy;
import io.berth.reconciler.scheduler.spi.PlacementScorer;

import java.util.List;

/** The scorer of each placement strategy. */
public final class StrategyScorers {

    private StrategyScorers() {
    }

    public static PlacementScorer of(PlacementStrategy strategy) {
        return switch (strategy) {
            case PlacementStrategy.Binpack b -> new BinpackScorer(switch (b.resource()) {
                case CPU -> BinpackScorer.Field.CPU;
                case MEMORY -> BinpackScorer.Field.MEMORY;
            });
            case PlacementStrategy.Spread s -> new SpreadScorer(s.attribute());
            case PlacementStrategy.Random r -> new RandomScorer();
        };
    }

    public static List<PlacementScorer> of(List<PlacementStrategy> strategies) {
        return strategies.stream().map(StrategyScorers::of).toList();
    }
}
