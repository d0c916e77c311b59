package io.berth.app.web;

import org.apache.tomcat.websocket.server.WsSci;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Switches on Tomcat's WebSocket support (its server container), which the exec route upgrades to. What Spring Boot's
 * WebSocket auto-configuration would do; done here because that module is not a dependency (only Spring's and
 * Tomcat's WebSocket libraries are).
 */
@Component
class TomcatWebSockets implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> context.addServletContainerInitializer(new WsSci(), null));
    }
}
