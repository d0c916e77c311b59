/** Registration, status and manifests of container instances (the Docker hosts of a cluster). */
package io.berth.app.instances;
