package io.berth.cli;

/** A service as the CLI names it to users: {@code service/CLUSTER/NAME}. */
record ServiceRef(String cluster, String name) {

    String ref() {
        return "service/" + cluster + "/" + name;
    }

    /** {@code /v1/clusters/C/services/N} */
    String path() {
        return Resources.clusterPath(cluster) + "/services/" + ApiClient.encode(name);
    }
}
