package org.campusgate.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.SearchPage;
import org.campusgate.console.testing.ConsoleHttp;
import org.campusgate.console.testing.ProxyClient;
import org.campusgate.console.testing.TestConsole;
import org.campusgate.policy.RequestContext;
import org.campusgate.policy.UserIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The application as a whole: an admin publishes a policy through the API, the gateway in the
 * same process blocks with it on the next request, and the event is in the audit store under
 * the user the IP binding names.
 */
class PublishReachesGatewayTest {
  @RegisterExtension
  static final TestConsole CONSOLE = new TestConsole();

  private static final String TEACHERS_RULE = """
        - id: teachers-no-social
          groups: [teachers]
          block: [social_networks]
      """;

  @Test
  void aPublishedBlockIsEnforcedByTheGatewayAndRecordedUnderTheBoundUser() throws Exception {
    ConsoleHttp admin = new ConsoleHttp(CONSOLE).firstAdmin("publish test password");
    String before = admin.get("/schools/demo-school/policy").json().path("document").asText();
    RequestContext weiboByTeacher = RequestContext.builder().schoolId("demo-school")
        .user(UserIdentity.of("teacher1", "teachers")).time(Instant.now())
        .url("http://weibo.com/").build();
    assertThat(CONSOLE.services().policies().liveHolder("demo-school").orElseThrow().current()
        .decide(weiboByTeacher).allowed()).isTrue();

    String after = before.replace("rules:\n", "rules:\n" + TEACHERS_RULE);
    ConsoleHttp.Answer published = admin.send("POST", "/schools/demo-school/policy",
        Map.of("document", after, "comment", "no social networks for teachers"));
    assertThat(published.status()).isEqualTo(201);
    int version = published.json().path("version").asInt();
    assertThat(published.json().path("live").asLong()).isEqualTo(version);

    ProxyClient.Answer answer = ProxyClient.get(CONSOLE.proxy(), "127.0.0.3", "http://weibo.com/");
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.text()).contains("social_networks");

    AccessEvent event = waitForEvent("teacher1", "weibo.com");
    assertThat(event.action()).isEqualTo("BLOCK");
    assertThat(event.reason()).isEqualTo("CATEGORY_BLOCKED");
    assertThat(event.ruleId()).isEqualTo("teachers-no-social");
    assertThat(event.policyVersion()).isEqualTo(version);
    assertThat(event.clientIp()).isEqualTo("127.0.0.3");
    assertThat(event.groups()).contains("teachers");
  }

  @Test
  void anInvalidPolicyIsRefusedWithItsLineAndNothingChanges() {
    ConsoleHttp admin = new ConsoleHttp(CONSOLE).firstAdmin("publish test password");
    long live = CONSOLE.services().policies().liveHolder("demo-school").orElseThrow().current().version();
    String before = admin.get("/schools/demo-school/policy").json().path("document").asText();
    String broken = before.replace("block: [gambling, publicite]", "block: [gambling, no_such_category]");

    ConsoleHttp.Answer refused = admin.send("POST", "/schools/demo-school/policy",
        Map.of("document", broken, "comment", "typo"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.error()).isEqualTo("invalid-policy");
    assertThat(refused.json().path("details").get(0).path("line").asInt()).isPositive();
    assertThat(refused.json().path("details").get(0).path("message").asText()).contains("no_such_category");
    assertThat(CONSOLE.services().policies().liveHolder("demo-school").orElseThrow().current().version())
        .isEqualTo(live);

    ConsoleHttp.Answer check = admin.send("POST", "/schools/demo-school/policy/validate",
        Map.of("document", broken));
    assertThat(check.json().path("valid").asBoolean()).isFalse();
  }

  @Test
  void rollingBackPublishesTheOldTextAsANewVersion() {
    ConsoleHttp admin = new ConsoleHttp(CONSOLE).firstAdmin("publish test password");
    String text = admin.get("/schools/demo-school/policy/versions/1").json().path("document").asText();
    ConsoleHttp.Answer changed = admin.send("POST", "/schools/demo-school/policy",
        Map.of("document", text.replace("default: allow", "default: block"), "comment", "strict"));
    int strict = changed.json().path("version").asInt();
    assertThat(admin.get("/schools/demo-school/policy/versions/" + strict + "/diff").json()
        .path("unified").asText()).contains("-default: allow").contains("+default: block");

    ConsoleHttp.Answer back = admin.send("POST", "/schools/demo-school/policy/versions/1/rollback", null);
    assertThat(back.status()).isEqualTo(201);
    assertThat(back.json().path("version").asInt()).isEqualTo(strict + 1);
    assertThat(back.json().path("document").asText()).isEqualTo(text);
    assertThat(CONSOLE.services().policies().liveHolder("demo-school").orElseThrow().current().version())
        .isEqualTo(strict + 1);
    assertThat(CONSOLE.services().db().adminLog().page("demo-school", 0, 1000))
        .anySatisfy(a -> assertThat(a.action()).isEqualTo("policy.rollback"));
  }

  private static AccessEvent waitForEvent(String user, String host) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (true) {
      SearchPage page = CONSOLE.services().store().search(AuditQuery
          .between(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofMinutes(1)))
          .user(user).host(host).build());
      if (!page.events().isEmpty()) {
        return page.events().get(0).event();
      }
      assertThat(Instant.now()).as("event recorded in time").isBefore(deadline);
      Thread.sleep(50); // polling a bounded deadline: the store indexes asynchronously
    }
  }
}
