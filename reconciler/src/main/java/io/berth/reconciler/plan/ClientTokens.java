package io.berth.reconciler.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The task ids of a run-task that names a {@code clientToken} (ECS's idempotency token): derived from the cluster,
 * the token and the task's place in the request, so that a retry of the same request finds the tasks the first one
 * wrote instead of starting them again. A client whose connection broke while Berth committed cannot tell whether
 * its tasks were written; with a token it simply asks again.
 *
 * <p>Name-based (version 3) ids never equal the random (version 4) ids of other tasks: the version bits differ.
 */
public final class ClientTokens {

    /** ECS's bound: up to 64 characters. */
    public static final int MAX_LENGTH = 64;

    private ClientTokens() {
    }

    /**
     * The ids of the {@code count} tasks of a request with this token in this cluster, in request order. The count is
     * part of each id, so that a token reused with another count is told apart ({@link #otherCounts}).
     */
    public static List<UUID> taskIds(String cluster, String clientToken, int count) {
        List<UUID> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(id(cluster, clientToken, count, i));
        }
        return List.copyOf(ids);
    }

    /**
     * The first task id a request with this token would have written for every other count (1 to
     * {@link RunTaskPlan#MAX_COUNT}): the planner gives the first id to the first task it places, so a request that
     * placed anything wrote its count's first id.
     */
    public static List<UUID> otherCounts(String cluster, String clientToken, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int n = 1; n <= RunTaskPlan.MAX_COUNT; n++) {
            if (n != count) {
                ids.add(id(cluster, clientToken, n, 0));
            }
        }
        return List.copyOf(ids);
    }

    private static UUID id(String cluster, String clientToken, int count, int index) {
        String name = "berth-run-task:" + cluster.length() + ":" + cluster + ":" + count + ":" + index + ":" + clientToken;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** ECS's rule: 1 to 64 characters, each from '!' (33) to '~' (126); null when valid, else why not. */
    public static String problem(String clientToken) {
        if (clientToken.isEmpty() || clientToken.length() > MAX_LENGTH) {
            return "must be 1 to " + MAX_LENGTH + " characters, got " + clientToken.length();
        }
        for (int i = 0; i < clientToken.length(); i++) {
            char c = clientToken.charAt(i);
            if (c < 33 || c > 126) {
                return "may hold only printable ASCII characters without spaces ('!' to '~'); character " + (i + 1)
                        + " is not one";
            }
        }
        return null;
    }
}
