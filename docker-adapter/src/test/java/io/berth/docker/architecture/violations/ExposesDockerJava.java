package io.berth.docker.architecture.violations;

import com.github.dockerjava.api.DockerClient;

/** Deliberately breaks an architecture rule: evaluated only by the rule's own test. */
public class ExposesDockerJava {
    public DockerClient client() {
        return null;
    }
}
