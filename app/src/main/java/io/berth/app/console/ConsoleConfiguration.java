package io.berth.app.console;

import io.berth.app.api.FirstPages;
import io.berth.app.api.TaskLogs;
import io.berth.app.audit.AuditRecorder;
import io.berth.app.api.ServiceViews;
import io.berth.app.security.access.AccessPolicy;
import io.berth.app.watch.ChangeFeed;
import io.berth.app.watch.ChangeLog;
import io.berth.app.watch.WatchProperties;
import org.thymeleaf.ITemplateEngine;
import io.berth.app.security.identity.Authenticator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.security.SecureRandom;
import java.time.Clock;

/** The console's beans, and its interceptor in front of {@code /ui}. Off with {@code berth.console.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "berth.console", name = "enabled", havingValue = "true", matchIfMissing = true)
public class ConsoleConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<ConsoleSessions> sessions;
    private final ObjectProvider<ConsoleIdentity> identity;

    ConsoleConfiguration(ObjectProvider<ConsoleSessions> sessions, ObjectProvider<ConsoleIdentity> identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    @Bean
    ConsoleSessions consoleSessions(ConsoleProperties props, Clock clock) {
        return new ConsoleSessions(new SecureRandom(), clock, props.idleTimeout(), props.maxSessions());
    }

    @Bean
    ConsoleIdentity consoleIdentity(ObjectProvider<Authenticator> authenticators) {
        return new ConsoleIdentity(authenticators);
    }

    @Bean
    ConsoleAccess consoleAccess(AccessPolicy policy) {
        return new ConsoleAccess(policy);
    }

    @Bean
    ConsoleAudit consoleAudit(AuditRecorder recorder, Clock clock) {
        return new ConsoleAudit(recorder, clock);
    }

    @Bean
    ServicePanel servicePanel(ServiceViews services, FirstPages pages, ConsoleAccess access, Clock clock,
                              ConsoleProperties props) {
        return new ServicePanel(services, pages, access, clock, props.listLimit());
    }

    @Bean
    LiveServiceStreams liveServiceStreams(ChangeLog changes, ChangeFeed feed, ServicePanel panel,
                                          ConsoleIdentity identity, ConsoleSessions sessions,
                                          ITemplateEngine templates, WatchProperties watch, ConsoleProperties props) {
        return new LiveServiceStreams(changes, feed, panel, identity, sessions, templates, watch.heartbeat(),
                props.maxStreams());
    }

    @Bean
    LiveTaskLogs liveTaskLogs(TaskLogs logs, ConsoleIdentity identity, ConsoleSessions sessions, Clock clock,
                              WatchProperties watch, ConsoleProperties props) {
        return new LiveTaskLogs(logs, identity, sessions, clock, watch.heartbeat(), props.logLines());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ConsoleInterceptor(sessions.getObject(), identity.getObject()))
                .addPathPatterns("/ui", "/ui/**").excludePathPatterns(ConsoleAssets.STYLESHEET, ConsoleAssets.TASK_SCRIPT,
                        ConsoleAssets.APPLY_SCRIPT);
    }
}
