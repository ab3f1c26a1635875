package org.campusgate.console.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A browser-like API client for tests: keeps cookies, sends the session's CSRF token on changes
 * (unless told not to), or an API token. Answers are kept whole: status, headers, JSON body.
 */
public final class ConsoleHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An answer. */
  public record Answer(int status, HttpResponse<String> raw) {
    public JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (" + status + "): " + raw.body(), e);
      }
    }

    public String body() {
      return raw.body();
    }

    /** The {@code error} code of an error answer. */
    public String error() {
      return json().path("error").asText();
    }
  }

  private final TestConsole console;
  private final HttpClient client;
  private String csrf;
  private String bearer;

  public ConsoleHttp(TestConsole console) {
    this.console = console;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A client that authenticates with an API token instead of a session. */
  public static ConsoleHttp withToken(TestConsole console, String token) {
    ConsoleHttp http = new ConsoleHttp(console);
    http.bearer = token;
    return http;
  }

  public Answer signIn(String user, String password) {
    Answer a = send("POST", "/session", Map.of("username", user, "password", password));
    if (a.status() == 200) {
      csrf = a.json().path("csrfToken").asText();
    }
    return a;
  }

  /** Signs in as the first admin and replaces its one-time password with {@code newPassword}. */
  public ConsoleHttp firstAdmin(String newPassword) {
    String once = console.initialAdminPassword();
    Answer in = signIn("admin", once);
    if (in.status() != 200) {
      // the password was changed by an earlier test of the class
      in = signIn("admin", newPassword);
      if (in.status() != 200) {
        throw new IllegalStateException("cannot sign in as admin: " + in.body());
      }
      return this;
    }
    Answer changed = send("POST", "/session/password", Map.of("current", once, "next", newPassword));
    if (changed.status() != 200) {
      throw new IllegalStateException("cannot change the admin password: " + changed.body());
    }
    csrf = changed.json().path("csrfToken").asText();
    return this;
  }

  public Answer get(String path) {
    return send("GET", path, null);
  }

  public Answer send(String method, String path, Object body) {
    return send(method, path, body, true);
  }

  /** Sends a request to {@code /api/v1 + path}; {@code withCsrf} false leaves the header out. */
  public Answer send(String method, String path, Object body, boolean withCsrf) {
    return send(method, path, body, withCsrf, "application/json", "application/json");
  }

  /** Sends a request with the given body type and accepted answer type. */
  public Answer send(String method, String path, Object body, boolean withCsrf, String contentType,
      String accept) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(console.api(path))
          .timeout(Duration.ofSeconds(30)).header("Accept", accept);
      if (body == null) {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        b.header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(
                body instanceof String s ? s : JSON.writeValueAsString(body)));
      }
      if (withCsrf && csrf != null) {
        b.header("X-CSRF-Token", csrf);
      }
      if (bearer != null) {
        b.header("Authorization", "Bearer " + bearer);
      }
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public URI uri(String path) {
    return console.api(path);
  }
}
