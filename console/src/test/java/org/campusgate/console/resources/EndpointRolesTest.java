package org.campusgate.console.resources;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.testing.ConsoleHttp;
import org.campusgate.console.testing.TestConsole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks every endpoint the running console serves with every role (and with nobody) and checks
 * the answer against what the endpoint declares: nobody gets 401, a role not declared gets 403,
 * a declared role gets past the role check, and nothing answers 5xx to an empty request. The
 * matrix is written to target/endpoint-roles.txt.
 */
class EndpointRolesTest {
  @RegisterExtension
  static final TestConsole CONSOLE = new TestConsole();

  private static final Map<String, Optional<String>> CALLERS = new LinkedHashMap<>();

  /** One endpoint: method, path template, its Java method. */
  record Endpoint(String method, String template, Method javaMethod) {
    /** The template with its parameters filled in (a parameter may carry a regex with braces). */
    String path() {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < template.length(); i++) {
        char c = template.charAt(i);
        if (c != '{') {
          out.append(c);
          continue;
        }
        int depth = 1;
        int start = i + 1;
        while (depth > 0) {
          i++;
          depth += template.charAt(i) == '{' ? 1 : template.charAt(i) == '}' ? -1 : 0;
        }
        String name = template.substring(start, i).split(":")[0].strip();
        out.append(switch (name) {
          case "school" -> "demo-school";
          case "version" -> "1";
          case "category" -> "gambling";
          case "id" -> "999999";
          default -> "x";
        });
      }
      return out.toString().replaceFirst("^/v1", "");
    }
  }

  @BeforeAll
  static void callers() {
    CONSOLE.services().db().schools().create("other-school", "Other School");
    CALLERS.put("nobody", Optional.empty());
    CALLERS.put("district-admin", Optional.of(CONSOLE.token(ConsoleRole.DISTRICT_ADMIN, null, "da")));
    CALLERS.put("school-admin", Optional.of(CONSOLE.token(ConsoleRole.SCHOOL_ADMIN, "demo-school", "sa")));
    CALLERS.put("inspector", Optional.of(CONSOLE.token(ConsoleRole.INSPECTOR, null, "in")));
    CALLERS.put("responder", Optional.of(CONSOLE.token(ConsoleRole.RESPONDER, null, "re")));
  }

  static List<Endpoint> endpoints() {
    List<Endpoint> out = new ArrayList<>();
    for (Class<?> c : CONSOLE.jerseyClasses()) {
      Path root = c.getAnnotation(Path.class);
      if (root == null) {
        continue;
      }
      for (Method m : c.getMethods()) {
        String http = httpMethod(m);
        if (http == null) {
          continue;
        }
        Path sub = m.getAnnotation(Path.class);
        String template = root.value() + (sub == null ? "" : (sub.value().startsWith("/") ? "" : "/") + sub.value());
        out.add(new Endpoint(http, template, m));
      }
    }
    out.sort(Comparator.comparing(Endpoint::template).thenComparing(Endpoint::method));
    return out;
  }

  private static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
      if (h != null) {
        return h.value();
      }
    }
    return null;
  }

  private static Set<String> declaredRoles(Method m) {
    RolesAllowed r = m.getAnnotation(RolesAllowed.class);
    if (r == null) {
      r = m.getDeclaringClass().getAnnotation(RolesAllowed.class);
    }
    return r == null ? Set.of() : Set.of(r.value());
  }

  @Test
  void everyEndpointDeclaresWhoMayUseIt() {
    List<Endpoint> all = endpoints();
    assertThat(all).hasSizeGreaterThan(8);
    assertThat(all).allSatisfy(e -> assertThat(e.javaMethod().isAnnotationPresent(PermitAll.class)
        || !declaredRoles(e.javaMethod()).isEmpty())
        .as("%s %s declares @RolesAllowed or @PermitAll", e.method(), e.template()).isTrue());
  }

  @Test
  void everyRoleGetsTheAnswerItsEndpointDeclares() throws IOException {
    StringBuilder matrix = new StringBuilder(String.format("%-7s %-55s", "", "endpoint"));
    CALLERS.keySet().forEach(c -> matrix.append(String.format(" %14s", c)));
    matrix.append('\n');
    List<String> wrong = new ArrayList<>();
    for (Endpoint e : endpoints()) {
      matrix.append(String.format("%-7s %-55s", e.method(), e.template()));
      boolean open = e.javaMethod().isAnnotationPresent(PermitAll.class);
      Set<String> roles = declaredRoles(e.javaMethod());
      for (Map.Entry<String, Optional<String>> caller : CALLERS.entrySet()) {
        ConsoleHttp http = caller.getValue().map(t -> ConsoleHttp.withToken(CONSOLE, t))
            .orElseGet(() -> new ConsoleHttp(CONSOLE));
        boolean hasBody = Set.of("POST", "PUT", "PATCH").contains(e.method());
        ConsoleHttp.Answer a = http.send(e.method(), e.path(), hasBody ? "{}" : null, true,
            mediaType(e.javaMethod(), Consumes.class), mediaType(e.javaMethod(), Produces.class));
        matrix.append(String.format(" %14d", a.status()));
        String code = a.status() == 401 || a.status() == 403 ? errorCode(a) : "";
        String expectation;
        if (a.status() >= 500) {
          expectation = "no server error";
        } else if (open) {
          continue;
        } else if (caller.getValue().isEmpty()) {
          expectation = a.status() == 401 ? null : "401 for nobody";
        } else if (!roles.contains(caller.getKey())) {
          expectation = a.status() == 403 && code.equals("forbidden") ? null : "403 forbidden";
        } else {
          expectation = a.status() == 401 || code.equals("forbidden") ? "past the role check" : null;
        }
        if (expectation != null) {
          wrong.add(e.method() + " " + e.path() + " as " + caller.getKey() + ": expected "
              + expectation + ", got " + a.status() + " " + a.body());
        }
      }
      matrix.append('\n');
    }
    java.nio.file.Path out = java.nio.file.Path.of("target", "endpoint-roles.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, matrix);
    assertThat(wrong).isEmpty();
  }

  /** The endpoint's first declared media type (method, else class), else JSON. */
  private static String mediaType(Method m, Class<? extends Annotation> kind) {
    Annotation a = m.getAnnotation(kind);
    if (a == null) {
      a = m.getDeclaringClass().getAnnotation(kind);
    }
    String[] types = a == null ? new String[0]
        : a instanceof Consumes c ? c.value() : ((Produces) a).value();
    return types.length == 0 ? "application/json" : types[0].split(",")[0].strip();
  }

  private static String errorCode(ConsoleHttp.Answer a) {
    try {
      return a.error();
    } catch (RuntimeException notJson) {
      return "";
    }
  }
}
