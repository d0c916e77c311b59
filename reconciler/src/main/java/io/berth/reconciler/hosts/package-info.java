/** Access to the Docker hosts: the engines by instance, their health, and what a task's containers and resources look like to an engine. */
package io.berth.reconciler.hosts;
