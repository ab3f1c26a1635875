package org.campusgate.console.register.files;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.InvalidRegisterException;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.UserFiling;

/**
 * The register after an import: every app and every version of {@code base}, with the imported
 * records added; an imported record replaces the one with the same key (an app by id, a filing
 * version by its number or id and effective time).
 */
public final class RegisterMerge {
  private RegisterMerge() {}

  /**
   * @param updatedAt when the import happened: the register's last update unless {@code base}'s
   *     is later
   * @param revision the new register's revision
   */
  public static AppRegister merge(AppRegister base, Collection<App> apps,
      Collection<ProviderFiling> providerFilings, Collection<UserFiling> userFilings,
      Instant updatedAt, long revision) throws InvalidRegisterException {
    Map<String, App> allApps = new LinkedHashMap<>();
    base.apps().forEach(a -> allApps.put(a.id(), a));
    apps.forEach(a -> allApps.put(a.id(), a));

    Map<String, ProviderFiling> providers = new LinkedHashMap<>();
    for (String number : base.providerFilingNumbers()) {
      base.providerFilingHistory(number).forEach(f -> providers.put(key(f), f));
    }
    providerFilings.forEach(f -> providers.put(key(f), f));

    Map<String, UserFiling> users = new LinkedHashMap<>();
    for (UserFiling current : base.userFilings()) {
      base.userFilingHistory(current.id()).forEach(f -> users.put(key(f), f));
    }
    userFilings.forEach(f -> users.put(key(f), f));

    AppRegister.Builder b = AppRegister.builder().zone(base.zone()).revision(revision);
    allApps.values().forEach(b::app);
    providers.values().forEach(b::providerFiling);
    users.values().forEach(b::userFiling);
    Instant last = base.lastUpdate();
    b.lastUpdate(last != null && last.isAfter(updatedAt) ? last : updatedAt);
    return b.build();
  }

  static String key(ProviderFiling f) {
    return f.filingNumber() + '\n' + f.effectiveFrom();
  }

  static String key(UserFiling f) {
    return f.id() + '\n' + f.effectiveFrom();
  }
}
