/**
 * The API fuzz suite over real TCP: generators and mutators of manifests and query parameters, the cases that open
 * watch and log streams or send bodies past the size limit, the runner that sends them through the JDK HttpClient
 * to the embedded Tomcat, the check of each answer and the printed figures.
 */
package io.berth.app.api.fuzz;
