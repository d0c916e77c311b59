package io.berth.reconciler.scheduler;

import java.util.List;

/**
 * Why a task could not be placed: how many instances were checked and, per failing filter, how many
 * instances it rejected with one aggregated phrase.
 */
public record PlacementExplanation(int instancesChecked, List<Rejection> rejections) {

    public PlacementExplanation {
        rejections = List.copyOf(rejections);
    }

    public record Rejection(int instances, String reason) {
    }

    /** "3 instances checked — 2 lack memory (need 512 MiB, largest free 256 MiB), 1 is not active or not connected". */
    public String describe() {
        if (instancesChecked == 0) {
            return "no container instances are registered in the cluster";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(instancesChecked).append(instancesChecked == 1 ? " instance checked" : " instances checked");
        String sep = " — ";
        for (Rejection r : rejections) {
            sb.append(sep).append(r.instances()).append(' ').append(r.reason());
            sep = ", ";
        }
        return sb.toString();
    }
}
