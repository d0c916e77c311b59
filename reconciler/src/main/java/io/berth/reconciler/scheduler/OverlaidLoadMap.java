package io.berth.reconciler.scheduler;

import io.berth.reconciler.scheduler.spi.InstanceLoad;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The instance map of a {@link ClusterLoad} that differs from an earlier one in a few instances only: the earlier
 * (flat, immutable) map plus the replaced loads. Placing one task on a cluster of 10,000 hosts then costs one entry
 * instead of a copy of 10,000 (the copy was more than half of a placement decision at that size).
 *
 * <p>Immutable, iterates in the base map's order, and equals any map with the same entries. Overlays never stack:
 * an overlay of an overlay merges the replacements onto the same flat base, and once the replacements are a
 * sizeable part of the base ({@link #FLATTEN_DIVISOR}) the result is flattened into a new base, so lookups stay
 * one or two hash probes and a long chain of small changes costs at most one copy per {@code size/8} changes.
 */
final class OverlaidLoadMap extends AbstractMap<UUID, InstanceLoad> {

    /** Flatten once more than 1/8 of the instances are replaced: iteration then pays a lookup for too many. */
    static final int FLATTEN_DIVISOR = 8;

    private final Map<UUID, InstanceLoad> base;
    private final Map<UUID, InstanceLoad> replaced;

    private OverlaidLoadMap(Map<UUID, InstanceLoad> base, Map<UUID, InstanceLoad> replaced) {
        this.base = base;
        this.replaced = replaced;
    }

    /**
     * {@code current} with the loads in {@code changes} replacing its own (ids it does not hold are ignored, as
     * {@link ClusterLoad#withTask} ignores an unknown instance).
     *
     * @param current an immutable instance map: a {@link ClusterLoad}'s own
     */
    static Map<UUID, InstanceLoad> of(Map<UUID, InstanceLoad> current, Map<UUID, InstanceLoad> changes) {
        if (changes.isEmpty()) {
            return current;
        }
        Map<UUID, InstanceLoad> base;
        Map<UUID, InstanceLoad> merged;
        if (current instanceof OverlaidLoadMap overlay) {
            base = overlay.base;
            merged = new HashMap<>(overlay.replaced);
        } else {
            base = current;
            merged = new HashMap<>();
        }
        changes.forEach((id, load) -> {
            if (base.containsKey(id)) {
                merged.put(id, load);
            }
        });
        if (merged.isEmpty()) {
            return current;
        }
        if (merged.size() > base.size() / FLATTEN_DIVISOR) {
            Map<UUID, InstanceLoad> flat = new LinkedHashMap<>(base);
            flat.putAll(merged);
            // still an overlay (of nothing): ClusterLoad's constructor copies any other map once more
            return new OverlaidLoadMap(Collections.unmodifiableMap(flat), Map.of());
        }
        return new OverlaidLoadMap(base, merged);
    }

    @Override
    public InstanceLoad get(Object key) {
        InstanceLoad load = replaced.get(key);
        return load != null ? load : base.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return base.containsKey(key);
    }

    @Override
    public int size() {
        return base.size();
    }

    @Override
    public Set<Entry<UUID, InstanceLoad>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<UUID, InstanceLoad>> iterator() {
                Iterator<Entry<UUID, InstanceLoad>> it = base.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<UUID, InstanceLoad> next() {
                        Entry<UUID, InstanceLoad> e = it.next();
                        InstanceLoad load = replaced.get(e.getKey());
                        return load == null ? e : new SimpleImmutableEntry<>(e.getKey(), load);
                    }
                };
            }

            @Override
            public int size() {
                return base.size();
            }
        };
    }

    @Override
    public Collection<InstanceLoad> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<InstanceLoad> iterator() {
                Iterator<Entry<UUID, InstanceLoad>> it = entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public InstanceLoad next() {
                        return it.next().getValue();
                    }
                };
            }

            @Override
            public int size() {
                return base.size();
            }
        };
    }
}
