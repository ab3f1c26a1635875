package org.campusgate.console;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.campusgate.console.auth.AuthenticationFilter;
import org.campusgate.console.auth.RoleCheck;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.core.HealthWatch;
import org.campusgate.console.health.AuditStoreCheck;
import org.campusgate.console.health.ClockDriftCheck;
import org.campusgate.console.health.DatabaseCheck;
import org.campusgate.console.health.GatewayListenerCheck;
import org.campusgate.console.health.RegisterFreshnessCheck;
import org.campusgate.console.metrics.PrometheusEndpoint;
import org.campusgate.console.resources.AdminLogResource;
import org.campusgate.console.resources.AuditResource;
import org.campusgate.console.resources.DashboardResource;
import org.campusgate.console.resources.EvidenceResource;
import org.campusgate.console.resources.I18nResource;
import org.campusgate.console.resources.ListsResource;
import org.campusgate.console.resources.PeopleResource;
import org.campusgate.console.resources.PolicyResource;
import org.campusgate.console.resources.RectificationResource;
import org.campusgate.console.resources.RegisterFilesResource;
import org.campusgate.console.resources.RegisterFilingsResource;
import org.campusgate.console.resources.RegisterResource;
import org.campusgate.console.resources.ReportResource;
import org.campusgate.console.resources.SessionResource;
import org.campusgate.console.resources.TokenResource;
import org.campusgate.console.resources.TraceResource;
import org.eclipse.jetty.server.Server;

/** The one place that lists what the console serves: filters, resources, health checks. */
final class ConsoleWiring {
  private ConsoleWiring() {}

  static void register(ConsoleConfiguration config, Environment env, ConsoleServices s) {
    env.jersey().setUrlPattern("/api/*");
    env.jersey().register(new AuthenticationFilter(s.sessions(), s.db().tokens()));
    env.jersey().register(new RoleCheck());
    env.jersey().register(new SessionResource(s));
    env.jersey().register(new I18nResource());
    env.jersey().register(new PolicyResource(s));
    env.jersey().register(new AuditResource(s));
    env.jersey().register(new TraceResource(s));
    env.jersey().register(new EvidenceResource(s));
    env.jersey().register(new ListsResource(s));
    env.jersey().register(new PeopleResource(s));
    env.jersey().register(new TokenResource(s));
    env.jersey().register(new AdminLogResource(s));
    env.jersey().register(new DashboardResource(s));
    env.jersey().register(new RegisterResource(s));
    env.jersey().register(new RegisterFilingsResource(s));
    env.jersey().register(new RegisterFilesResource(s));
    env.jersey().register(new ReportResource(s));
    env.lifecycle().manage(new io.dropwizard.lifecycle.Managed() {
      @Override
      public void stop() throws Exception {
        s.reportJobs().close();
      }
    });
    env.jersey().register(new RectificationResource(s));
    env.healthChecks().register("database", new DatabaseCheck(s.db().jdbi(), Duration.ofSeconds(2)));
    AuditStoreCheck auditStore = new AuditStoreCheck(s::store);
    env.healthChecks().register("audit-store", auditStore);
    env.healthChecks().register("gateway-listener", new GatewayListenerCheck(s::gateway, Duration.ofSeconds(1)));
    env.healthChecks().register("app-register", new RegisterFreshnessCheck(
        () -> s.policies().liveHolder(s.localSchool()).map(h -> h.current()), s.clock()));
    Map<String, HealthCheck> watched = new LinkedHashMap<>();
    if (config.ntp != null) {
      ClockDriftCheck drift = ClockDriftCheck.of(config.ntp);
      env.healthChecks().register("clock-drift", drift);
      watched.put("clock-drift", drift);
    }
    watched.put("audit-store", auditStore);
    env.lifecycle().manage(new HealthWatch(watched, s.adminLog()));
    PrometheusEndpoint.install(env.metrics(), env.admin());
    env.servlets().addFilter("security-headers", new SecurityHeaders())
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
  }

  static String host(ConsoleConfiguration config) {
    if (config.getServerFactory() instanceof DefaultServerFactory f) {
      for (ConnectorFactory c : f.getApplicationConnectors()) {
        if (c instanceof HttpConnectorFactory h && h.getBindHost() != null) {
          return h.getBindHost().contains(":") ? "[" + h.getBindHost() + "]" : h.getBindHost();
        }
      }
    }
    return "127.0.0.1";
  }

  static int applicationPort(Server server) {
    for (org.eclipse.jetty.server.Connector c : server.getConnectors()) {
      if (c instanceof org.eclipse.jetty.server.NetworkConnector n
          && "application".equals(n.getName())) {
        return n.getLocalPort();
      }
    }
    return ((org.eclipse.jetty.server.NetworkConnector) server.getConnectors()[0]).getLocalPort();
  }
}
