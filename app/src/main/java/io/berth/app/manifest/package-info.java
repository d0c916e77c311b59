/** Parsing and validation of manifest documents (task definitions, also in ECS's JSON, services, container instances), with errors naming the field. */
package io.berth.app.manifest;
