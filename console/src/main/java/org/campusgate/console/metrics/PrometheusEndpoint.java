package org.campusgate.console.metrics;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.jetty.setup.ServletEnvironment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Serves a Dropwizard metric registry (the console's, which the in-process gateway writes to as
 * well) in the Prometheus text format at {@code /prometheus}. Mounted on the admin connector,
 * which listens on loopback only. Uses a registry of its own rather than Prometheus' static
 * default, so two applications in one JVM (tests) do not collide.
 */
public final class PrometheusEndpoint {
  public static final String PATH = "/prometheus";

  private PrometheusEndpoint() {}

  /** Adds the servlet exporting {@code metrics} to {@code admin}. */
  public static void install(MetricRegistry metrics, ServletEnvironment admin) {
    PrometheusRegistry registry = new PrometheusRegistry();
    DropwizardExports.builder().dropwizardRegistry(metrics).register(registry);
    admin.addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping(PATH);
  }
}
