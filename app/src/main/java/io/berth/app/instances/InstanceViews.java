package io.berth.app.instances;

import io.berth.app.api.dto.ContainerInstanceView;
import io.berth.db.model.ContainerInstanceEntity;

/**
 * What registration reads back for its answer: that the cluster exists, and an instance as the API shows it.
 * Implemented by the API's cluster views; declared here so that this package does not depend on the API package,
 * which itself applies instance manifests through this one.
 */
public interface InstanceViews {

    /** @throws org.springframework.web.server.ResponseStatusException 404 when there is no such cluster */
    void requireCluster(String cluster);

    ContainerInstanceView view(ContainerInstanceEntity instance);
}
