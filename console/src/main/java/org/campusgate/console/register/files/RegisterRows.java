package org.campusgate.console.register.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.UserFiling;

/**
 * The rows an export writes for one table: the current version of every record, or with
 * {@code history} every version, oldest first; cells by column name.
 */
final class RegisterRows {
  private RegisterRows() {}

  static List<Map<String, String>> of(AppRegister register, Table table, boolean history) {
    RecordFormatter f = new RecordFormatter(register.zone());
    List<Map<String, String>> rows = new ArrayList<>();
    switch (table) {
      case APPS -> register.apps().forEach(a -> rows.add(f.app(a)));
      case PROVIDER_FILINGS -> {
        for (String number : register.providerFilingNumbers()) {
          List<ProviderFiling> versions = register.providerFilingHistory(number);
          (history ? versions : versions.subList(versions.size() - 1, versions.size()))
              .forEach(v -> rows.add(f.providerFiling(v)));
        }
      }
      case USER_FILINGS -> {
        List<UserFiling> current = register.userFilings().stream()
            .sorted(Comparator.comparing(UserFiling::id)).toList();
        for (UserFiling c : current) {
          (history ? register.userFilingHistory(c.id()) : List.of(c)).forEach(v -> rows.add(f.userFiling(v)));
        }
      }
      case REVOCATIONS -> throw new IllegalArgumentException("the register has no revocations table");
    }
    return rows;
  }
}
