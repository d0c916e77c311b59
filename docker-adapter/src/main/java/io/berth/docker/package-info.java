/** The only code that speaks to Docker engines: a DockerEngine interface over docker-java, with Berth-independent records. */
package io.berth.docker;
