package org.campusgate.console.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.resources.ConsoleUnderTest.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The people, token and admin-log API over HTTP, as each role meets it: a school admin manages
 * their school only, an inspector sees group sizes only, tokens are issued by signed-in district
 * admins, and the admin log shows each admin what they may see. Bad input answers 4xx with a
 * stable code, never 500.
 */
class PeopleApiTest {
  @TempDir static Path home;
  static ConsoleUnderTest console;
  static String northAdmin;
  static String southAdmin;
  static String inspector;
  static String district;

  @BeforeAll
  static void start() throws Exception {
    console = new ConsoleUnderTest(home);
    northAdmin = console.token("north-admin", ConsoleRole.SCHOOL_ADMIN, "north");
    southAdmin = console.token("south-admin", ConsoleRole.SCHOOL_ADMIN, "south");
    inspector = console.token("inspector", ConsoleRole.INSPECTOR, null);
    district = console.token("district", ConsoleRole.DISTRICT_ADMIN, null);
  }

  @AfterAll
  static void stop() {
    if (console != null) {
      console.close();
    }
  }

  @Test
  void aSchoolAdminManagesTheirSchoolsPeopleAndNoOtherSchools() throws Exception {
    assertThat(console.post("/schools/north/groups", northAdmin, "{\"name\":\"grade7\"}").status())
        .isEqualTo(201);
    Answer created = console.post("/schools/north/users", northAdmin,
        "{\"login\":\"s7001\",\"displayName\":\"张小明\",\"groups\":[\"grade7\"]}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("groups").toString()).isEqualTo("[\"grade7\"]");
    Answer bound = console.post("/schools/north/bindings", northAdmin,
        "{\"cidr\":\"10.7.0.1\",\"user\":\"s7001\"}");
    assertThat(bound.status()).isEqualTo(201);
    assertThat(bound.json().get("cidr").asText()).isEqualTo("10.7.0.1/32");

    JsonNode user = console.get("/schools/north/users/s7001", northAdmin).json();
    assertThat(user.get("displayName").asText()).isEqualTo("张小明");
    assertThat(user.get("networks").toString()).isEqualTo("[\"10.7.0.1/32\"]");
    assertThat(console.get("/schools/north/users?q=7001", northAdmin).json().get("total").asInt())
        .isEqualTo(1);

    Answer elsewhere = console.post("/schools/south/users", northAdmin, "{\"login\":\"x\"}");
    assertThat(elsewhere.status()).isEqualTo(403);
    assertThat(elsewhere.json().get("error").asText()).isEqualTo("forbidden-school");
    assertThat(console.get("/schools/north/users", southAdmin).status()).isEqualTo(403);
    assertThat(console.get("/schools/nowhere/users", district).json().get("error").asText())
        .isEqualTo("no-such-school");

    console.post("/schools/north/groups", northAdmin, "{\"name\":\"chess\"}");
    assertThat(console.call("PUT", "/schools/north/groups/chess/members/s7001", northAdmin, null,
        null).json().get("groups").toString()).isEqualTo("[\"chess\",\"grade7\"]");
    assertThat(console.call("PUT", "/schools/north/groups/chess/members/s7001", northAdmin, null,
        null).json().get("error").asText()).isEqualTo("already-member");
    assertThat(console.delete("/schools/north/groups/chess/members/s7001", northAdmin).json()
        .get("groups").toString()).isEqualTo("[\"grade7\"]");
    assertThat(console.delete("/schools/north/groups/chess/members/s7001", northAdmin).status())
        .isEqualTo(404);
    assertThat(console.call("PUT", "/schools/north/groups/chess/members/s7001", southAdmin, null,
        null).status()).isEqualTo(403);

    assertThat(console.get("/schools/north/users", inspector).status()).isEqualTo(403);
    assertThat(console.get("/schools/north/groups", inspector).json().toString())
        .contains("\"name\":\"grade7\"", "\"members\":1");
  }

  @Test
  void badInputAnswersAStableCodeNeverAServerError() throws Exception {
    List<Answer> answers = new ArrayList<>();
    answers.add(console.post("/schools/north/users", northAdmin, "{\"login\":\"has space\"}"));
    answers.add(console.post("/schools/north/users", northAdmin, "not json"));
    answers.add(console.post("/schools/north/users", northAdmin, "null"));
    answers.add(console.post("/schools/north/bindings", northAdmin, "{\"cidr\":\"10.1.1.1/24\",\"group\":\"x\"}"));
    answers.add(console.post("/schools/north/bindings", northAdmin, "{\"cidr\":\"example.com\",\"user\":\"x\"}"));
    answers.add(console.call("PUT", "/schools/north/users/nobody", northAdmin, "application/json", "{}"));
    answers.add(console.delete("/schools/north/bindings/999999", northAdmin));
    answers.add(console.delete("/schools/north/bindings/abc", northAdmin));
    answers.add(console.get("/schools/north/users?limit=100000", northAdmin));
    assertThat(answers).extracting(Answer::status)
        .containsExactly(400, 400, 400, 400, 400, 404, 404, 404, 400);
    assertThat(answers.get(0).json().get("error").asText()).isEqualTo("invalid-login");
    assertThat(answers.get(3).json().get("message").asText()).contains("host bits set");
  }

  @Test
  void aCsvImportIsCheckedWholeThenAppliedAndLogged() throws Exception {
    String csv = "login,display_name,groups,ip\n"
        + "t-chen,\"Chen, Teacher\",teachers,10.9.0.0/28\n"
        + "t-liu,刘老师,teachers;staff,\n";
    Answer dry = console.call("POST", "/schools/north/users/import?dryRun=true", northAdmin,
        "text/csv", csv);
    assertThat(dry.status()).isEqualTo(200);
    assertThat(dry.json().get("created").toString()).isEqualTo("[\"t-chen\",\"t-liu\"]");
    assertThat(console.get("/schools/north/users/t-chen", northAdmin).status()).isEqualTo(404);

    Answer done = console.call("POST", "/schools/north/users/import", northAdmin, "text/csv", csv);
    assertThat(done.status()).isEqualTo(200);
    assertThat(console.get("/schools/north/users/t-liu", northAdmin).json().get("groups").toString())
        .isEqualTo("[\"staff\",\"teachers\"]");

    Answer bad = console.call("POST", "/schools/north/users/import", northAdmin, "text/csv",
        "login,ip\nok,10.0.0.1\n,\nbad*,\n");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().get("error").asText()).isEqualTo("invalid-csv");
    assertThat(bad.json().get("details").get(0).get("row").asInt()).isEqualTo(4);
    assertThat(bad.json().get("details").get(0).get("column").asText()).isEqualTo("login");

    Answer huge = console.call("POST", "/schools/north/users/import", northAdmin, "text/csv",
        "login\n" + "x\n".repeat(2_700_000));
    assertThat(huge.status()).isEqualTo(413);

    JsonNode log = console.get("/admin-log?school=north&limit=5", northAdmin).json();
    assertThat(log.get("entries").get(0).get("action").asText()).isEqualTo("people.import");
    assertThat(log.get("entries").get(0).get("actor").asText()).isEqualTo("token:north-admin");
    assertThat(log.get("entries").get(0).get("after").get("created").toString())
        .isEqualTo("[\"t-chen\",\"t-liu\"]");
  }

  @Test
  void eachAdminReadsTheAdminLogOfWhatTheyMaySee() throws Exception {
    console.post("/schools/south/groups", southAdmin, "{\"name\":\"south-only\"}");
    console.post("/schools/north/groups", northAdmin, "{\"name\":\"north-only\"}");

    String northLog = console.get("/admin-log?limit=500", northAdmin).body();
    assertThat(northLog).contains("group:north/north-only").doesNotContain("south-only");
    assertThat(console.get("/admin-log?school=south", northAdmin).status()).isEqualTo(403);
    assertThat(console.get("/admin-log?limit=500", inspector).body())
        .contains("north-only", "south-only");

    JsonNode first = console.get("/admin-log?limit=1", district).json();
    long next = first.get("next").asLong();
    JsonNode second = console.get("/admin-log?limit=1&before=" + next, district).json();
    assertThat(second.get("entries").get(0).get("id").asLong()).isLessThan(next);
    assertThat(console.get("/admin-log?limit=0", district).status()).isEqualTo(400);

    JsonNode oldest = console.get("/admin-log?after=0&limit=2", district).json();
    long firstId = oldest.get("entries").get(0).get("id").asLong();
    assertThat(oldest.get("entries").get(1).get("id").asLong()).isGreaterThan(firstId);
    assertThat(console.get("/admin-log?after=" + oldest.get("next").asLong() + "&limit=1", district)
        .json().get("entries").get(0).get("id").asLong())
        .isGreaterThan(oldest.get("entries").get(1).get("id").asLong());
  }

  @Test
  void aDistrictAdminIssuesATokenThatWorksUntilRevoked() throws Exception {
    String[] session = console.signIn("dora", ConsoleRole.DISTRICT_ADMIN, null);
    Answer issued = console.session("POST", "/tokens", session,
        "{\"name\":\"nightly export\",\"role\":\"school-admin\",\"school\":\"north\"}");
    assertThat(issued.status()).isEqualTo(201);
    String secret = issued.json().get("secret").asText();
    long id = issued.json().get("token").get("id").asLong();
    assertThat(secret).startsWith("cgt_").hasSize(47);
    assertThat(console.get("/tokens", district).body()).contains("nightly export")
        .doesNotContain(secret);

    assertThat(console.get("/schools/north/groups", secret).status()).isEqualTo(200);
    assertThat(console.get("/schools/south/groups", secret).status()).isEqualTo(403);

    assertThat(console.session("DELETE", "/tokens/" + id, session, null).status()).isEqualTo(200);
    Answer revoked = console.get("/schools/north/groups", secret);
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(console.get("/admin-log?limit=10", district).body())
        .contains("token.create", "token.revoke", "\"actor\":\"dora\"");

    Answer byToken = console.post("/tokens", district,
        "{\"name\":\"successor\",\"role\":\"district-admin\"}");
    assertThat(byToken.status()).isEqualTo(403);
    assertThat(byToken.json().get("error").asText()).isEqualTo("session-required");
    assertThat(console.get("/tokens", northAdmin).status()).isEqualTo(403);
    assertThat(console.session("POST", "/tokens", session,
        "{\"name\":\"x\",\"role\":\"school-admin\"}").json().get("error").asText())
        .isEqualTo("school-required");
    assertThat(console.session("POST", "/tokens", session,
        "{\"name\":\"x\",\"role\":\"root\"}").json().get("error").asText())
        .isEqualTo("invalid-role");
  }
}
