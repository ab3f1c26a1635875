package org.campusgate.console.resources;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * The pages' texts: the resource bundles under {@code org/campusgate/console/ui/} in Simplified
 * Chinese (default) or English, merged, as JSON. The pages put these into their {@code data-i18n}
 * elements; no page text is written in HTML or JavaScript.
 */
@Path("/v1/i18n")
@Produces(MediaType.APPLICATION_JSON + ";charset=utf-8")
public final class I18nResource {
  /** The bundles merged, one per area of the console, each under {@code org/campusgate/console/ui/}. */
  public static final List<String> BUNDLES =
      List.of("messages", "policy", "lists", "people", "audit", "dashboard", "admin",
          "register", "reports", "rectifications");

  /** The texts and the language chosen. */
  public record Texts(String lang, Map<String, String> messages) {}

  @GET
  @PermitAll
  public Texts texts(@QueryParam("lang") String lang,
      @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
    String chosen = language(lang, acceptLanguage);
    Locale locale = chosen.equals("en") ? Locale.ROOT : Locale.SIMPLIFIED_CHINESE;
    Map<String, String> out = new TreeMap<>();
    for (String name : BUNDLES) {
      ResourceBundle bundle;
      try {
        bundle = ResourceBundle.getBundle("org.campusgate.console.ui." + name, locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
      } catch (MissingResourceException e) {
        continue; // an area without pages yet
      }
      for (String key : bundle.keySet()) {
        out.put(key, bundle.getString(key));
      }
    }
    return new Texts(chosen, out);
  }

  /** {@code en} or {@code zh}: the asked language, else the browser's first, else Chinese. */
  static String language(String asked, String acceptLanguage) {
    if ("en".equals(asked) || "zh".equals(asked)) {
      return asked;
    }
    if (acceptLanguage != null && acceptLanguage.trim().toLowerCase(Locale.ROOT).startsWith("en")) {
      return "en";
    }
    return "zh";
  }
}
