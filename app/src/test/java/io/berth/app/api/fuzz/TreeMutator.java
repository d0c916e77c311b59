package io.berth.app.api.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mutates a JSON tree: walks down to a random node and replaces, deletes, duplicates or nests it. */
final class TreeMutator {

    private final BadValues bad;

    TreeMutator(BadValues bad) {
        this.bad = bad;
    }

    Object mutate(Object tree) {
        int mutations = 1 + bad.random().nextInt(3);
        for (int m = 0; m < mutations; m++) {
            tree = mutateAt(tree, 0);
        }
        return tree;
    }

    @SuppressWarnings("unchecked")
    private Object mutateAt(Object node, int depth) {
        boolean descend = (node instanceof Map<?, ?> map && !map.isEmpty() || node instanceof List<?> list && !list.isEmpty())
                && (depth == 0 || bad.random().nextInt(4) != 0);
        if (!descend) {
            return switch (bad.random().nextInt(8)) {
                // Deeper documents are sent as text (special documents): the writer of this test recurses.
                case 0 -> depth > 100 ? bad.value(null)
                        : nest(node, 1 + bad.random().nextInt(bad.random().nextInt(10) == 0 ? 600 : 30));
                case 1 -> Arrays.asList(node, node);
                default -> bad.value(null);
            };
        }
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) raw);
            List<String> keys = new ArrayList<>(map.keySet());
            String key = keys.get(bad.random().nextInt(keys.size()));
            switch (bad.random().nextInt(10)) {
                case 0 -> map.remove(key);
                case 1 -> map.put(key + "X", map.get(key));
                case 2 -> map.put(bad.key(), bad.value(key));
                default -> map.put(key, mutateAt(map.get(key), depth + 1));
            }
            return map;
        }
        List<Object> list = new ArrayList<>((List<Object>) node);
        int at = bad.random().nextInt(list.size());
        switch (bad.random().nextInt(8)) {
            case 0 -> list.remove(at);
            case 1 -> {
                for (int i = 0, n = bad.random().nextInt(5) == 0 ? 2000 : 2; i < n; i++) {
                    list.add(list.get(at));
                }
            }
            default -> list.set(at, mutateAt(list.get(at), depth + 1));
        }
        return list;
    }

    private Object nest(Object node, int depth) {
        Object nested = node;
        for (int i = 0; i < depth; i++) {
            nested = bad.random().nextBoolean() ? Collections.singletonList(nested) : Collections.singletonMap("a", nested);
        }
        return nested;
    }
}
