package org.campusgate.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.testing.ConsoleHttp;
import org.campusgate.console.testing.TestConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signing in to the running console: one-time password, cookies, CSRF, lock-out, tokens. */
class SignInTest {
  @RegisterExtension
  static final TestConsole CONSOLE = new TestConsole();

  @Test
  void theFirstAdminMustChooseAPasswordBeforeDoingAnythingElse() {
    ConsoleHttp http = new ConsoleHttp(CONSOLE);
    String once = CONSOLE.initialAdminPassword();
    assertThat(once).hasSize(20);
    ConsoleHttp.Answer in = http.signIn("admin", once);
    assertThat(in.status()).isEqualTo(200);
    assertThat(in.json().path("mustChangePassword").asBoolean()).isTrue();

    ConsoleHttp.Answer blocked = http.get("/schools/demo-school/policy");
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(blocked.error()).isEqualTo("password-change-required");

    assertThat(http.send("POST", "/session/password", Map.of("current", once, "next", "short"))
        .error()).isEqualTo("weak-password");
    assertThat(http.send("POST", "/session/password", Map.of("current", "wrong-password-1",
        "next", "a much longer password")).status()).isEqualTo(403);
    ConsoleHttp.Answer changed = http.send("POST", "/session/password",
        Map.of("current", once, "next", "a much longer password"));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().path("mustChangePassword").asBoolean()).isFalse();
    assertThat(http.get("/schools/demo-school/policy").status()).isEqualTo(200);

    assertThat(new ConsoleHttp(CONSOLE).signIn("admin", once).status()).isEqualTo(401);
    assertThat(new ConsoleHttp(CONSOLE).signIn("admin", "a much longer password").status())
        .isEqualTo(200);
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteStrict() {
    CONSOLE.account("cookie-check", "cookie check password", ConsoleRole.INSPECTOR, null);
    ConsoleHttp.Answer in = new ConsoleHttp(CONSOLE).signIn("cookie-check", "cookie check password");
    String cookie = in.raw().headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith(AuthenticationFilter.SESSION_COOKIE + "=")
        .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
        .containsIgnoringCase("Path=/").doesNotContainIgnoringCase("Secure"); // plain HTTP here
    assertThat(in.body()).doesNotContain("password");
  }

  @Test
  void aChangeWithoutTheCsrfTokenIsRefused() {
    CONSOLE.account("csrf-check", "csrf check password", ConsoleRole.DISTRICT_ADMIN, null);
    ConsoleHttp http = new ConsoleHttp(CONSOLE);
    http.signIn("csrf-check", "csrf check password");
    String policy = http.get("/schools/demo-school/policy").json().path("document").asText();

    ConsoleHttp.Answer forged = http.send("POST", "/schools/demo-school/policy",
        Map.of("document", policy, "comment", "from another site"), false);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.error()).isEqualTo("csrf");
    assertThat(http.send("POST", "/schools/demo-school/policy/validate",
        Map.of("document", policy)).status()).isEqualTo(200);
  }

  @Test
  void signInTakesJsonOnlySoAFormOnAnotherSiteCannotPostIt() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(CONSOLE.api("/session"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void repeatedFailuresLockTheAccountEvenAgainstTheRightPassword() {
    CONSOLE.account("lock-check", "lock check password", ConsoleRole.RESPONDER, null);
    ConsoleHttp http = new ConsoleHttp(CONSOLE);
    for (int i = 0; i < 2; i++) {
      assertThat(http.signIn("lock-check", "guess " + i).status()).isEqualTo(401);
    }
    ConsoleHttp.Answer third = http.signIn("lock-check", "guess 3");
    assertThat(third.status()).isEqualTo(423);
    assertThat(third.error()).isEqualTo("locked");
    assertThat(http.signIn("lock-check", "lock check password").status()).isEqualTo(423);

    List<AdminAction> log = CONSOLE.services().db().adminLog().page(null, 0, 1000);
    assertThat(log).filteredOn(a -> a.target().equals("account:lock-check"))
        .extracting(AdminAction::action)
        .containsExactly("login.refused", "login.refused", "login.refused", "login.locked");
  }

  @Test
  void unknownUsersAndWrongPasswordsGetTheSameAnswer() {
    CONSOLE.account("same-answer", "same answer password", ConsoleRole.INSPECTOR, null);
    ConsoleHttp.Answer unknown = new ConsoleHttp(CONSOLE).signIn("nobody-here", "whatever pw");
    ConsoleHttp.Answer wrong = new ConsoleHttp(CONSOLE).signIn("same-answer", "whatever pw");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo(wrong.body());
  }

  @Test
  void signingOutEndsTheSession() {
    CONSOLE.account("signout-check", "sign out password", ConsoleRole.INSPECTOR, null);
    ConsoleHttp http = new ConsoleHttp(CONSOLE);
    http.signIn("signout-check", "sign out password");
    assertThat(http.get("/session").status()).isEqualTo(200);
    assertThat(http.send("DELETE", "/session", null).status()).isEqualTo(204);
    assertThat(http.get("/session").status()).isEqualTo(401);
  }

  @Test
  void apiTokensCarryTheirRoleAndStopWorkingWhenRevoked() {
    String secret = CONSOLE.token(ConsoleRole.INSPECTOR, null, "inspector-bot");
    ConsoleHttp bot = ConsoleHttp.withToken(CONSOLE, secret);
    assertThat(bot.get("/schools/demo-school/policy").status()).isEqualTo(200);
    assertThat(bot.send("POST", "/schools/demo-school/policy",
        Map.of("document", "x")).status()).isEqualTo(403);
    long id = CONSOLE.services().db().tokens().list().stream()
        .filter(t -> t.name().equals("inspector-bot")).findFirst().orElseThrow().id();
    CONSOLE.services().db().tokens().revoke(id);
    ConsoleHttp.Answer revoked = bot.get("/schools/demo-school/policy");
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.error()).isEqualTo("bad-token");
    assertThat(ConsoleHttp.withToken(CONSOLE, "cgt_made_up").get("/session").status()).isEqualTo(401);
  }
}
