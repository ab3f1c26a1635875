package org.campusgate.console.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.campusgate.policy.PolicySnapshot;

/**
 * The learning-app filing data in force is fresh enough for the school's policy. When it is
 * not, the gateway already fails closed for minors on learning apps (RULES.md §3 step 8); this
 * makes that visible to whoever watches the health checks, with the age and the limit.
 */
public final class RegisterFreshnessCheck extends HealthCheck {
  private final Supplier<Optional<PolicySnapshot>> inForce;
  private final Clock clock;

  public RegisterFreshnessCheck(Supplier<Optional<PolicySnapshot>> inForce, Clock clock) {
    this.inForce = Objects.requireNonNull(inForce, "inForce");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  protected Result check() {
    Optional<PolicySnapshot> snapshot = inForce.get();
    if (snapshot.isEmpty() || snapshot.get().register().apps().isEmpty()) {
      return Result.healthy("no app register in force");
    }
    PolicySnapshot s = snapshot.get();
    String facts = "last update " + s.register().lastUpdate() + ", limit "
        + s.appRules().staleAfterDays() + " days";
    return s.registerStale(clock.instant())
        ? Result.unhealthy("app filing data is stale (" + facts + "): students are blocked from learning apps")
        : Result.healthy(facts);
  }
}
