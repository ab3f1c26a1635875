package org.campusgate.console;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers on every console answer: scripts and styles only from the console itself (the pages
 * ship their own ECharts), no framing, no MIME sniffing, no referrer leaving the console, and
 * nothing cached (pages show people's logs).
 */
final class SecurityHeaders implements Filter {
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse r = (HttpServletResponse) response;
    r.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
        + "style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'");
    r.setHeader("X-Frame-Options", "DENY");
    r.setHeader("X-Content-Type-Options", "nosniff");
    r.setHeader("Referrer-Policy", "no-referrer");
    r.setHeader("Cache-Control", "no-store");
    chain.doFilter(request, response);
  }
}
