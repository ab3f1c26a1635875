package org.campusgate.console.auth;

/** Role names for {@code @RolesAllowed}: the stable names of {@link org.campusgate.console.db.ConsoleRole}. */
public final class Roles {
  public static final String DISTRICT_ADMIN = "district-admin";
  public static final String SCHOOL_ADMIN = "school-admin";
  public static final String INSPECTOR = "inspector";
  public static final String RESPONDER = "responder";

  private Roles() {}
}
