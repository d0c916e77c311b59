package io.berth.reconciler.policy;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.model.TaskDefinitionSpec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a container's secret and config files may be written, whatever the cluster's policy: an absolute path
 * without {@code .} or {@code ..} segments (what the engine extracts is what the user sees), not under the kernel's
 * file systems /proc, /sys and /dev (a file there is at best shadowed by the mount, at worst a write to the host),
 * each path once per container, at most {@link #MAX_FILES} files.
 */
final class SecretFileRule implements PolicyRule {

    static final int MAX_FILES = 64;
    static final int MAX_PATH = 1024;
    private static final List<String> FORBIDDEN_ROOTS = List.of("/proc", "/sys", "/dev");

    @Override
    public void check(TaskDefinitionSpec spec, ClusterPolicy policy, PolicyFindings findings) {
        for (int i = 0; i < spec.containers().size(); i++) {
            ContainerDefinition c = spec.containers().get(i);
            List<SecretFile> files = c.options().files();
            String path = PolicyRule.container(i) + ".files";
            if (files.size() > MAX_FILES) {
                findings.reject(path, "at most " + MAX_FILES + " files per container, got " + files.size());
            }
            Set<String> seen = new HashSet<>();
            for (int f = 0; f < files.size(); f++) {
                String problem = problem(files.get(f).path());
                if (problem != null) {
                    findings.reject(path + "[" + f + "].path", problem);
                } else if (!seen.add(files.get(f).path())) {
                    findings.reject(path + "[" + f + "].path", "\"" + files.get(f).path()
                            + "\" is written by another file of this container");
                }
            }
        }
    }

    /** Why a file may not be written at {@code path}, or null. */
    static String problem(String path) {
        if (path == null || !path.startsWith("/") || path.endsWith("/") || path.length() > MAX_PATH) {
            return "must be an absolute file path (starting with /, not ending with /, at most " + MAX_PATH
                    + " characters), got \"" + path + "\"";
        }
        if (path.indexOf('\0') >= 0 || path.contains("//")) {
            return "must not contain empty segments or NUL characters, got \"" + path + "\"";
        }
        for (String segment : path.substring(1).split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                return "must not contain \".\" or \"..\" segments, got \"" + path + "\"";
            }
        }
        for (String root : FORBIDDEN_ROOTS) {
            if (path.equals(root) || path.startsWith(root + "/")) {
                return "must not be under " + root + " (a kernel file system), got \"" + path + "\"";
            }
        }
        return null;
    }
}
