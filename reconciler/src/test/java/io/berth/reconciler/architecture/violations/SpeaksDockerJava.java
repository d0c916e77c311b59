package io.berth.reconciler.architecture.violations;

import com.github.dockerjava.api.DockerClient;

/** Deliberately breaks an architecture rule: evaluated only by the rule's own test. */
public class SpeaksDockerJava {
    DockerClient client;
}
