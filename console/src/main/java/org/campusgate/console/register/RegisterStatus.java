package org.campusgate.console.register;

import java.time.Instant;
import java.util.Optional;
import org.campusgate.console.core.PolicyService;
import org.campusgate.console.db.PolicyVersion;
import org.campusgate.console.register.RegisterViews.StatusView;
import org.campusgate.policy.PolicyHolder;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.AppRules;

/**
 * The register's state as a school sees it: revision, last update, and whether the school's
 * policy treats the filing data as stale now (its running gateway's snapshot, else its current
 * policy compiled with the register in force).
 */
public final class RegisterStatus {
  private RegisterStatus() {}

  public static StatusView of(RegisterService register, PolicyService policies, String school, Instant now) {
    RegisterState state = register.dao().state();
    AppRegister in = register.current();
    Optional<PolicyHolder> live = policies.liveHolder(school);
    PolicySnapshot snapshot = live.map(PolicyHolder::current).orElseGet(() -> compiled(policies, school));
    int staleAfter = snapshot == null ? AppRules.STALE_AFTER_DAYS : snapshot.appRules().staleAfterDays();
    boolean stale = snapshot != null && snapshot.withRegister(in).registerStale(now);
    return new StatusView(in.revision(), in.lastUpdate(), state.lastSyncSource(), state.changedAt(),
        state.changedBy(), school, staleAfter, stale,
        live.map(h -> h.current().register().revision()).orElse(null), in.apps().size(),
        in.providerFilingNumbers().size(), in.userFilings().size());
  }

  private static PolicySnapshot compiled(PolicyService policies, String school) {
    Optional<PolicyVersion> v = policies.current(school);
    if (v.isEmpty()) {
      return null;
    }
    PolicyService.Validation check = policies.validate(school, v.get().document(), v.get().version());
    return check.valid() ? check.snapshot() : null;
  }
}
