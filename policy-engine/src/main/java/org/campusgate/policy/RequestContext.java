package org.campusgate.policy;

import java.time.Instant;
import java.util.Objects;
import org.campusgate.policy.url.CanonicalUrl;
import org.campusgate.policy.url.InvalidUrlException;
import org.campusgate.policy.url.UrlCanonicaliser;

/**
 * Everything the policy needs to know about one request: the facts {@link
 * PolicySnapshot#decide} is a pure function of. Time comes in with the facts, so a decision can
 * be replayed for any moment.
 *
 * @param time when the request was made
 * @param schoolId the school whose policy applies
 * @param user who made it, or null when unidentified
 * @param clientIp the client's address as text, or null
 * @param clientPort the client's port, or 0
 * @param method HTTP method ({@code CONNECT} for tunnels), or null
 * @param target the canonical URL, or the canonical authority when only the CONNECT target or
 *     the TLS SNI is known
 * @param sni the TLS server name, when seen, or null
 * @param userAgent the User-Agent header, or null
 */
public record RequestContext(
    Instant time,
    String schoolId,
    UserIdentity user,
    String clientIp,
    int clientPort,
    String method,
    CanonicalUrl target,
    String sni,
    String userAgent) {

  public RequestContext {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(target, "target");
  }

  /** The canonical host the decision is about. */
  public String host() {
    return target.host();
  }

  /** The canonical URL, or null when only the authority (CONNECT, SNI) is known. */
  public CanonicalUrl url() {
    return target.isAuthorityOnly() ? null : target;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a context; {@code time} and the target are required. */
  public static final class Builder {
    private Instant time;
    private String schoolId;
    private UserIdentity user;
    private String clientIp;
    private int clientPort;
    private String method;
    private CanonicalUrl target;
    private String sni;
    private String userAgent;

    public Builder time(Instant time) {
      this.time = time;
      return this;
    }

    public Builder schoolId(String schoolId) {
      this.schoolId = schoolId;
      return this;
    }

    public Builder user(UserIdentity user) {
      this.user = user;
      return this;
    }

    public Builder client(String ip, int port) {
      this.clientIp = ip;
      this.clientPort = port;
      return this;
    }

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder target(CanonicalUrl target) {
      this.target = target;
      return this;
    }

    /** Canonicalises a raw absolute URL. */
    public Builder url(String rawUrl) throws InvalidUrlException {
      this.target = UrlCanonicaliser.canonicalise(rawUrl);
      return this;
    }

    /** Canonicalises a raw {@code host[:port]} (a CONNECT target or an SNI name). */
    public Builder authority(String rawAuthority) throws InvalidUrlException {
      this.target = UrlCanonicaliser.canonicaliseAuthority(rawAuthority);
      return this;
    }

    public Builder sni(String sni) {
      this.sni = sni;
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    public RequestContext build() {
      return new RequestContext(time, schoolId, user, clientIp, clientPort, method, target, sni, userAgent);
    }
  }
}
