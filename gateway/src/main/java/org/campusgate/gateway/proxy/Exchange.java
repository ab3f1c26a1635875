package org.campusgate.gateway.proxy;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.EventIds;
import org.campusgate.policy.Action;
import org.campusgate.policy.Decision;
import org.campusgate.policy.ReasonCode;
import org.campusgate.policy.RequestContext;
import org.campusgate.policy.UserIdentity;

/**
 * One request or tunnel on a client connection, from its head to its end: what each stage
 * learned (who, what, the decision) and what happened (status, bytes, duration). It lives in the
 * client channel's {@link #KEY} attribute and is touched only on that channel's event loop.
 *
 * <p>{@link #end} records it exactly once and tells the {@link RequestGuard} (through a pipeline
 * event) whether the connection may carry the next request.
 */
public final class Exchange {
  public static final AttributeKey<Exchange> KEY = AttributeKey.valueOf("campusgate.exchange");
  private static final EventIds EVENT_IDS = new EventIds();

  /** Fired from the pipeline's head when an exchange has ended (and been recorded). */
  public record Ended(boolean keepAlive) {}

  private final ExchangeRecorder recorder;
  private final Instant start = Instant.now();
  private final long startNanos = System.nanoTime();
  private final UUID eventId = EVENT_IDS.next(start);
  private final String clientIp;
  private final int clientPort;
  private final String method;
  private final String rawTarget;
  private final boolean requestKeepAlive;
  private final boolean requestHasBody;
  private long declaredBodyLength = -1;
  private boolean expectsContinue;
  private UserIdentity user;
  private String authMethod = "none";
  private RequestContext context;
  private Decision decision;
  private String sni;
  private String userAgent;
  private int status;
  private long bytesUp;
  private long bytesDown;
  private boolean answered;
  private boolean ended;

  public Exchange(ExchangeRecorder recorder, InetSocketAddress client, String method,
      String rawTarget, boolean requestKeepAlive, boolean requestHasBody) {
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.clientIp = client == null ? null : client.getAddress().getHostAddress();
    this.clientPort = client == null ? 0 : client.getPort();
    this.method = method;
    this.rawTarget = rawTarget;
    this.requestKeepAlive = requestKeepAlive;
    this.requestHasBody = requestHasBody;
  }

  public static Exchange of(Channel channel) {
    return channel.attr(KEY).get();
  }

  public Instant start() { return start; }
  public UUID eventId() { return eventId; }
  public String clientIp() { return clientIp; }
  public int clientPort() { return clientPort; }
  public String method() { return method; }
  public String rawTarget() { return rawTarget; }
  public boolean requestKeepAlive() { return requestKeepAlive; }
  public boolean requestHasBody() { return requestHasBody; }
  /** The request's {@code Content-Length}; -1 when not known (chunked, or not yet seen). */
  public long declaredBodyLength() { return declaredBodyLength; }
  public boolean expectsContinue() { return expectsContinue; }
  public UserIdentity user() { return user; }
  public String authMethod() { return authMethod; }
  public RequestContext context() { return context; }
  public Decision decision() { return decision; }
  public String sni() { return sni; }
  public int status() { return status; }
  public long bytesUp() { return bytesUp; }
  public long bytesDown() { return bytesDown; }
  public boolean answered() { return answered; }
  public boolean ended() { return ended; }

  public void identified(UserIdentity user, String authMethod) {
    this.user = user;
    this.authMethod = Objects.requireNonNull(authMethod, "authMethod");
  }

  public void userAgent(String userAgent) { this.userAgent = userAgent; }

  public void decided(RequestContext context, Decision decision) {
    this.context = context;
    this.decision = decision;
  }

  /**
   * What the request head says of its body: its {@code Content-Length} (-1 when it has none) and
   * whether the client waits for {@code 100 Continue} before sending it. An answer uses it to
   * decide whether the rest of the body can be read and discarded (see {@link Answers#answer}).
   */
  public void bodyFraming(long contentLength, boolean expectsContinue) {
    this.declaredBodyLength = contentLength;
    this.expectsContinue = expectsContinue;
  }

  public void sni(String sni) { this.sni = sni; }
  public void status(int status) { this.status = status; }
  public void addUp(long n) { bytesUp += n; }
  public void addDown(long n) { bytesDown += n; }

  /** A stage answered this request itself: the rest of its body is discarded. */
  public void markAnswered() { answered = true; }

  /**
   * Ends the exchange: records it (once) and tells the guard whether the connection goes on.
   * Further calls do nothing.
   */
  public void end(Channel channel, boolean keepAlive) {
    if (ended) {
      return;
    }
    ended = true;
    recorder.record(this);
    if (channel.isActive()) {
      channel.pipeline().fireUserEventTriggered(new Ended(keepAlive));
    }
  }

  /**
   * The audit event, or null when the exchange never reached a decision nor an identity answer
   * (malformed input: counted as rejected, not recorded).
   */
  public AccessEvent toEvent(String schoolId, String gatewayId) {
    Action action;
    String reason;
    String ruleId = null;
    String category = null;
    String app = null;
    String providerFiling = null;
    String schoolFiling = null;
    long policyVersion = recorder.policyVersion();
    if (decision != null) {
      action = decision.action();
      reason = decision.reason().name();
      ruleId = decision.ruleId();
      category = decision.category();
      app = decision.app();
      providerFiling = decision.providerFiling();
      schoolFiling = decision.userFiling(); // the school's user filing (使用者备案) id
      policyVersion = decision.policyVersion();
    } else if (status == 407 || status == 429) {
      action = Action.AUTH_REQUIRED;
      reason = ReasonCode.AUTH_REQUIRED.name();
    } else {
      return null;
    }
    String host = null;
    int port = 0;
    String url = null;
    if (context != null) {
      host = context.host();
      port = context.target().port();
      url = context.url() == null ? null : context.url().toString();
    }
    return AccessEvent.builder()
        .eventId(eventId)
        .timestamp(start)
        .schoolId(schoolId)
        .gatewayId(gatewayId)
        .userId(user == null ? null : user.id())
        .groups(user == null ? List.of() : List.copyOf(user.groups()))
        .authMethod(authMethod)
        .clientIp(clientIp)
        .method(method)
        .host(host)
        .port(Math.max(0, Math.min(port, 65535)))
        .sni(sni)
        .url(url)
        .httpStatus(status)
        .bytesUp(bytesUp)
        .bytesDown(bytesDown)
        .durationMillis(Math.max(0, (System.nanoTime() - startNanos) / 1_000_000))
        .category(category)
        .appId(app)
        .providerFiling(providerFiling)
        .schoolFiling(schoolFiling)
        .action(action.name())
        .reason(reason)
        .ruleId(ruleId)
        .policyVersion(policyVersion)
        .tlsInspected(false)
        .userAgent(userAgent)
        .build();
  }
}
