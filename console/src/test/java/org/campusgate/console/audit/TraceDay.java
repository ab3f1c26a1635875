package org.campusgate.console.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.audit.TestEvents;

/**
 * One school day for tracing tests (2026-10-12, UTC). Alice signs in on 10.0.0.1 at 07:55 and
 * browses 08:00–08:29 (every third request to the homework app, every third blocked at
 * casino.example), signs out at 09:55 and in again on 10.0.0.2 at 09:58 (her IP changes), then
 * uses the homework app 10:00–10:04. Bob signs in on the freed 10.0.0.1 at 10:00 and browses
 * 10:05–10:09, his last request blocked at casino.example. Carol, at another school, reaches
 * example.com twice. So 10.0.0.1 at 08:10 is Alice's and at 10:06 Bob's.
 */
public final class TraceDay {
  public static final String DAY_FROM = "2026-10-12T00:00:00Z";
  public static final String DAY_TO = "2026-10-13T00:00:00Z";
  public static final String APP = "zyb-homework";
  public static final String APP_HOST = "homework.example";

  public final List<AuditRecord> records = new ArrayList<>();
  public final List<AccessEvent> alice = new ArrayList<>();
  public final List<AccessEvent> bob = new ArrayList<>();
  public final List<IdentityEvent> aliceIdentity = new ArrayList<>();

  /**
   * @param school the school of Alice and Bob
   * @param otherSchool Carol's school
   */
  public TraceDay(String school, String otherSchool) {
    TestEvents make = new TestEvents();
    aliceIdentity.add(identity(make, "07:55", school, IdentityEvent.Kind.LOGIN, "alice", "10.0.0.1"));
    for (int i = 0; i < 30; i++) {
      String host = List.of("example.com", APP_HOST, "casino.example").get(i % 3);
      AccessEvent.Builder e = make.access(at("08:%02d".formatted(i)), "alice", "10.0.0.1", host)
          .schoolId(school).url("http://" + host + "/page/" + i);
      if (host.equals(APP_HOST)) {
        e.appId(APP);
      } else if (host.equals("casino.example")) {
        e.action("BLOCK").reason("CATEGORY_BLOCKED").category("gambling").httpStatus(403);
      }
      alice.add(e.build());
    }
    aliceIdentity.add(identity(make, "09:55", school, IdentityEvent.Kind.LOGOUT, "alice", "10.0.0.1"));
    aliceIdentity.add(identity(make, "09:58", school, IdentityEvent.Kind.LOGIN, "alice", "10.0.0.2"));
    for (int i = 0; i < 5; i++) {
      alice.add(make.access(at("10:%02d".formatted(i)), "alice", "10.0.0.2", APP_HOST)
          .schoolId(school).appId(APP).url("http://" + APP_HOST + "/task/" + i).build());
    }
    IdentityEvent bobIn = identity(make, "10:00", school, IdentityEvent.Kind.LOGIN, "bob", "10.0.0.1");
    for (int i = 5; i < 10; i++) {
      boolean last = i == 9;
      String host = last ? "casino.example" : "example.com";
      AccessEvent.Builder e = make.access(at("10:%02d".formatted(i)), "bob", "10.0.0.1", host)
          .schoolId(school);
      if (last) {
        e.action("BLOCK").reason("CATEGORY_BLOCKED").category("gambling").httpStatus(403);
      }
      bob.add(e.build());
    }
    records.addAll(aliceIdentity);
    records.addAll(alice);
    records.add(bobIn);
    records.addAll(bob);
    records.add(identity(make, "08:00", otherSchool, IdentityEvent.Kind.LOGIN, "carol", "10.9.0.1"));
    records.add(make.access(at("08:10"), "carol", "10.9.0.1", "example.com").schoolId(otherSchool)
        .build());
    records.add(make.access(at("08:11"), "carol", "10.9.0.1", "example.com").schoolId(otherSchool)
        .build());
  }

  private static String at(String hhmm) {
    return "2026-10-12T" + hhmm + ":00Z";
  }

  private static IdentityEvent identity(TestEvents make, String hhmm, String school,
      IdentityEvent.Kind kind, String user, String ip) {
    Instant t = Instant.parse(at(hhmm));
    return new IdentityEvent(make.id(t), t, school, "gw-1", kind, user, List.of("students"), ip,
        "proxy-basic", null);
  }
}
