package org.campusgate.console.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.core.PolicyService;
import org.campusgate.console.core.RefusedRequest;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.register.RegisterInputs.AppInput;
import org.campusgate.console.register.RegisterInputs.EvidenceInput;
import org.campusgate.console.register.RegisterInputs.ProviderFilingInput;
import org.campusgate.console.register.RegisterInputs.StatusInput;
import org.campusgate.console.register.RegisterInputs.UserFilingInput;
import org.campusgate.console.register.RegisterViews.UserFilingView;
import org.campusgate.policy.Action;
import org.campusgate.policy.Decision;
import org.campusgate.policy.PolicyHolder;
import org.campusgate.policy.ReasonCode;
import org.campusgate.policy.RequestContext;
import org.campusgate.policy.UserIdentity;
import org.campusgate.policy.lists.ListSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register service on a real H2 database with a real policy service and a live policy
 * holder (what the gateway reads): the user-filing workflow with its legal and illegal steps,
 * who may take each, revisions, the admin log, and a withdrawal reaching the holder at once.
 */
class RegisterServiceTest {
  static final ConsoleUser DISTRICT = new ConsoleUser("district", ConsoleRole.DISTRICT_ADMIN, null, null, false);
  static final ConsoleUser NORTH = new ConsoleUser("north-admin", ConsoleRole.SCHOOL_ADMIN, "north", null, false);
  static final ConsoleUser SOUTH = new ConsoleUser("south-admin", ConsoleRole.SCHOOL_ADMIN, "south", null, false);
  static final String POLICY = """
      school: north
      name: North Primary
      version: 1
      timezone: Asia/Shanghai
      default: allow
      unauthenticated: auth-required
      groups:
        students: Students
        teachers: Teachers
      """;

  @TempDir Path dir;
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-10T02:00:00Z"));
  ConsoleDatabase db;
  RegisterService register;
  PolicyService policies;
  PolicyHolder gateway;

  @BeforeEach
  void start() throws Exception {
    Clock clock = new Clock() {
      @Override public ZoneId getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(ZoneId zone) { return this; }
      @Override public Instant instant() { return now.get(); }
    };
    db = ConsoleDatabase.open(ConsoleDatabase.embeddedUrl(dir), "sa", "", clock);
    db.schools().create("north", "North Primary");
    db.schools().create("south", "South Middle");
    AdminLog log = new AdminLog(db.adminLog(), new ObjectMapper().findAndRegisterModules());
    AtomicReference<PolicyService> p = new AtomicReference<>();
    register = new RegisterService(new RegisterDao(db.jdbi(), clock), log, ZoneId.of("Asia/Shanghai"),
        next -> p.get().replaceRegister(next));
    policies = new PolicyService(db.policies(), log, ListSet.EMPTY, register::current);
    p.set(policies);
    policies.publish("north", POLICY, "system", "test");
    gateway = policies.holderFor("north");

    register.addProviderFiling(DISTRICT, new ProviderFilingInput("JYAPP-0001", "课堂派", List.of(),
        "APP", "课堂科技", "91110000MA0000000X", "company", "GD", "粤ICP备1号", "44-0001", 3,
        "TEACHING", List.of(), null, "ACTIVE", null, null, null, "platform", null));
    register.addApp(DISTRICT, new AppInput("ketang", "课堂派", "LEARNING", "JYAPP-0001", "TEACHING",
        List.of(), List.of("ketang.example", "ketang-cdn.example"), null, null, null));
  }

  @AfterEach
  void stop() {
    db.close();
  }

  static UserFilingInput filing() {
    return new UserFilingInput(null, "ketang", "海淀区教委", null, "SELF_SELECTED", "RECOMMENDED",
        false, false, new EvidenceInput("征求意见 2026-08", "校务会纪要 15", "数据安全协议 2026-3"),
        List.of("students"), null, "2026-09-01", "2027-08-31");
  }

  Decision studentOpens(String url) throws Exception {
    return gateway.current().decide(RequestContext.builder().time(now.get().plusSeconds(1))
        .schoolId("north").user(UserIdentity.of("s1", "students")).client("10.0.0.7", 40000)
        .method("GET").url(url).build());
  }

  void tick() {
    now.set(now.get().plus(Duration.ofMinutes(1)));
  }

  @Test
  void aConfirmedFilingAllowsAndAWithdrawalBlocksInTheRunningGatewayAtOnce() throws Exception {
    assertThat(studentOpens("http://ketang.example/class").reason()).isEqualTo(ReasonCode.APP_SCHOOL_NOT_FILED);
    UserFilingView draft = register.createUserFiling(NORTH, "north", filing());
    assertThat(draft.id()).isEqualTo("north-ketang");
    assertThat(draft.status()).isEqualTo("DRAFT");
    assertThat(draft.filingNumber()).as("the app's provider filing by default").isEqualTo("JYAPP-0001");
    tick();
    register.submit(NORTH, "north", draft.id());
    assertThat(studentOpens("http://ketang.example/class").reason()).isEqualTo(ReasonCode.APP_SCHOOL_FILING_PENDING);
    tick();
    UserFilingView confirmed = register.confirm(DISTRICT, "north", draft.id());
    assertThat(confirmed.confirmedBy()).isEqualTo("district");
    assertThat(confirmed.confirmedAt()).isEqualTo(now.get());

    Decision allowed = studentOpens("https://ketang-cdn.example/live");
    assertThat(allowed.action()).isEqualTo(Action.ALLOW);
    assertThat(allowed.userFiling()).isEqualTo("north-ketang");
    assertThat(allowed.providerFiling()).isEqualTo("JYAPP-0001");

    tick();
    long before = gateway.current().register().revision();
    UserFilingView withdrawn = register.withdraw(NORTH, "north", draft.id(), "家长反对");
    assertThat(withdrawn.status()).isEqualTo("WITHDRAWN");
    assertThat(withdrawn.note()).isEqualTo("家长反对");
    assertThat(gateway.current().register().revision()).isEqualTo(before + 1);
    assertThat(studentOpens("http://ketang.example/class").reason()).isEqualTo(ReasonCode.APP_SCHOOL_NOT_FILED);
    assertThat(gateway.current().version()).as("same policy, newer register").isEqualTo(1);

    assertThat(register.userFiling("north", draft.id()).history())
        .extracting(RegisterViews.UserStep::status)
        .containsExactly("DRAFT", "SUBMITTED", "CONFIRMED", "WITHDRAWN");
  }

  @Test
  void illegalStepsAreRefusedWithAConflictAndChangeNothing() {
    UserFilingView draft = register.createUserFiling(NORTH, "north", filing());
    long revision = register.current().revision();
    assertThatThrownBy(() -> register.confirm(DISTRICT, "north", draft.id()))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> {
          assertThat(r.status()).isEqualTo(409);
          assertThat(r.code()).isEqualTo("illegal-transition");
          assertThat(r.getMessage()).contains("DRAFT").contains("CONFIRMED");
        });
    register.submit(NORTH, "north", draft.id());
    assertThatThrownBy(() -> register.submit(NORTH, "north", draft.id()))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.status()).isEqualTo(409));
    assertThatThrownBy(() -> register.editUserFiling(NORTH, "north", draft.id(), filing()))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.code()).isEqualTo("not-a-draft"));
    assertThatThrownBy(() -> register.reject(DISTRICT, "north", draft.id(), " "))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.status()).isEqualTo(422));
    UserFilingView rejected = register.reject(DISTRICT, "north", draft.id(), "缺少数据安全协议");
    assertThat(rejected.status()).isEqualTo("REJECTED");
    UserFilingView again = register.editUserFiling(NORTH, "north", draft.id(), filing());
    assertThat(again.status()).as("a rejected filing is reworked as a draft").isEqualTo("DRAFT");
    register.withdraw(NORTH, "north", draft.id(), null);
    assertThatThrownBy(() -> register.withdraw(NORTH, "north", draft.id(), null))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.code()).isEqualTo("illegal-transition"));
    assertThat(register.current().revision()).isEqualTo(revision + 4); // submit, reject, edit, withdraw
  }

  @Test
  void onlyDistrictAdminsConfirmAndSchoolsKeepTheirOwnFilings() {
    UserFilingView draft = register.createUserFiling(NORTH, "north", filing());
    register.submit(NORTH, "north", draft.id());
    assertThatThrownBy(() -> register.confirm(NORTH, "north", draft.id()))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.status()).isEqualTo(403));
    assertThatThrownBy(() -> register.withdraw(SOUTH, "north", draft.id(), null))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.code()).isEqualTo("forbidden-school"));
    assertThatThrownBy(() -> register.createUserFiling(SOUTH, "north", filing()))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.code()).isEqualTo("forbidden-school"));
    assertThatThrownBy(() -> register.withdraw(DISTRICT, "south", draft.id(), null))
        .as("another school's filing is not found under this school")
        .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.status()).isEqualTo(404));
    assertThatThrownBy(() -> register.addApp(NORTH, new AppInput("x", "x", "OTHER", null, null, null,
        null, null, null, null)))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.status()).isEqualTo(403));
    assertThat(register.withdraw(DISTRICT, "north", draft.id(), null).status()).isEqualTo("WITHDRAWN");
  }

  @Test
  void everyChangeRaisesTheRevisionOnceAndIsLoggedWithBeforeAndAfter() {
    long revision = register.current().revision();
    UserFilingView draft = register.createUserFiling(NORTH, "north", filing());
    register.submit(NORTH, "north", draft.id());
    assertThat(register.current().revision()).isEqualTo(revision + 2);
    List<AdminAction> log = db.adminLog().page(null, 0, 100);
    AdminAction submitted = log.get(log.size() - 1);
    assertThat(submitted.action()).isEqualTo("register.user-filing.submitted");
    assertThat(submitted.actor()).isEqualTo("north-admin");
    assertThat(submitted.schoolId()).isEqualTo("north");
    assertThat(submitted.beforeJson()).contains("\"status\":\"DRAFT\"");
    assertThat(submitted.afterJson()).contains("\"status\":\"SUBMITTED\"");
  }

  @Test
  void aChangeThatBreaksTheRegisterIsRefusedAndLeavesNothing() {
    long revision = register.current().revision();
    int logged = db.adminLog().page(null, 0, 1000).size();
    // the domain is claimed by ketang already
    assertThatThrownBy(() -> register.addApp(DISTRICT, new AppInput("copycat", "Copycat", "OTHER", null,
        null, null, List.of("ketang.example"), null, null, null)))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> {
          assertThat(r.status()).isEqualTo(422);
          assertThat(r.code()).isEqualTo("invalid-register");
        });
    assertThat(register.dao().app("copycat")).isEmpty();
    assertThat(register.dao().state().revision()).isEqualTo(revision);
    assertThat(db.adminLog().page(null, 0, 1000)).hasSize(logged);
  }

  @Test
  void inputIsCheckedFieldByField() {
    assertThatThrownBy(() -> register.addApp(DISTRICT, new AppInput("bad id!", "", "TOY", null, "NOPE",
        List.of("GAMES", "FLYING"), List.of("not a domain"), null, null, List.of("300.1.1.1/8"))))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> {
          assertThat(r.status()).isEqualTo(422);
          assertThat(r.details()).extracting(d -> ((FieldErrors.FieldError) d).field())
              .contains("id", "name", "kind", "category", "features[1]");
        });
    assertThatThrownBy(() -> register.createUserFiling(NORTH, "north", new UserFilingInput(null, "ketang",
        null, null, "BOUGHT", null, null, null, null, null, "someday 8-9", "2027-01-01", "2026-01-01")))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.details())
            .extracting(d -> ((FieldErrors.FieldError) d).field())
            .containsExactlyInAnyOrder("origin", "windows", "validTo"));
    assertThatThrownBy(() -> register.changeProviderStatus(DISTRICT, "JYAPP-0001",
        new StatusInput("REVOKED", null, "yesterday", null, null)))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.details())
            .extracting(d -> ((FieldErrors.FieldError) d).field())
            .containsExactlyInAnyOrder("reason", "effectiveFrom"));
  }

  @Test
  void aRevocationBlocksAndIsListedForTheMonthWithTheSchoolsAffected() throws Exception {
    UserFilingView draft = register.createUserFiling(NORTH, "north", filing());
    register.submit(NORTH, "north", draft.id());
    register.confirm(DISTRICT, "north", draft.id());
    tick();
    register.changeProviderStatus(DISTRICT, "JYAPP-0001",
        new StatusInput("REVOKED", "未整改", null, "2027-05-10", "公告 2026-11"));
    assertThat(studentOpens("http://ketang.example/").reason()).isEqualTo(ReasonCode.APP_FILING_REVOKED);
    var revoked = register.revoked(java.time.YearMonth.of(2026, 11), null);
    assertThat(revoked).singleElement().satisfies(r -> {
      assertThat(r.filingNumber()).isEqualTo("JYAPP-0001");
      assertThat(r.apps()).containsExactly("ketang");
      assertThat(r.affected()).extracting(RegisterViews.AffectedSchool::schoolId).containsExactly("north");
    });
    assertThat(register.revoked(java.time.YearMonth.of(2026, 10), null)).isEmpty();
    assertThat(register.providerHistory("JYAPP-0001").history()).extracting(RegisterViews.ProviderFilingView::status)
        .containsExactly("ACTIVE", "REVOKED");
  }
}
