package io.berth.app.manifest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds a cycle in "container → containers it needs first" edges, to name it in an error. */
final class DependencyCycles {

    private DependencyCycles() {
    }

    /** A cycle as "a -> b -> a", or null when there is none. Edges to unknown names are ignored. */
    static String find(Map<String, List<String>> edges) {
        Set<String> done = new HashSet<>();
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            String cycle = visit(start, edges, done, path, new HashSet<>());
            if (cycle != null) {
                return cycle;
            }
        }
        return null;
    }

    private static String visit(String node, Map<String, List<String>> edges, Set<String> done, List<String> path,
                                Set<String> onPath) {
        if (onPath.contains(node)) {
            List<String> loop = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            loop.add(node);
            return String.join(" -> ", loop);
        }
        if (done.contains(node) || !edges.containsKey(node)) {
            return null;
        }
        path.add(node);
        onPath.add(node);
        for (String next : edges.get(node)) {
            String cycle = visit(next, edges, done, path, onPath);
            if (cycle != null) {
                return cycle;
            }
        }
        path.removeLast();
        onPath.remove(node);
        done.add(node);
        return null;
    }
}
