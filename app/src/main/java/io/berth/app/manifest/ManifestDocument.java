package io.berth.app.manifest;

import java.util.Map;

/** One document of a manifest, after parsing and validation. */
public sealed interface ManifestDocument permits TaskDefinitionDocument, ServiceDocument, ContainerInstanceDocument,
        TargetGroupDocument, LoadBalancerDocument, RoleDocument,
        SecretDocument, ScheduledTaskDocument {

    String name();

    Map<String, String> labels();
}
