package org.campusgate.console.core;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.campusgate.console.db.Policy;
import org.campusgate.console.db.PolicyDao;
import org.campusgate.console.db.PolicyVersion;
import org.campusgate.policy.InvalidPolicyException;
import org.campusgate.policy.PolicyCompiler;
import org.campusgate.policy.PolicyError;
import org.campusgate.policy.PolicyHolder;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.document.PolicyDocument;
import org.campusgate.policy.document.PolicyDocumentParser;
import org.campusgate.policy.lists.ListSet;

/**
 * A school's policy from text to gateway: validate (parse and compile against the lists in use,
 * errors with their line), publish (a new version in the database, then the compiled snapshot
 * swapped into the school's running gateway), roll back (an old text published again).
 *
 * <p>The database numbers versions; the snapshot carries that number whatever the text's own
 * {@code version:} line says, so every recorded decision names a version the console can show.
 * Publishing is serialised per service, so snapshots reach the gateway in version order.
 */
public final class PolicyService {
  /** The policy every school has; schools keep one policy, its history is the versions. */
  public static final String DEFAULT_POLICY = "default";

  private final PolicyDao policies;
  private final AdminLog log;
  private final AtomicReference<ListSet> lists;
  private final Map<String, PolicyHolder> live = new ConcurrentHashMap<>();
  private final Supplier<AppRegister> register;

  /** A service whose policies decide with no app register. */
  public PolicyService(PolicyDao policies, AdminLog log, ListSet lists) {
    this(policies, log, lists, AppRegister::empty);
  }

  /** @param register the app register in force, read whenever a policy is compiled */
  public PolicyService(PolicyDao policies, AdminLog log, ListSet lists,
      Supplier<AppRegister> register) {
    this.policies = Objects.requireNonNull(policies, "policies");
    this.log = Objects.requireNonNull(log, "log");
    this.lists = new AtomicReference<>(Objects.requireNonNull(lists, "lists"));
    this.register = Objects.requireNonNull(register, "register");
  }

  /** The outcome of checking a text: the compiled snapshot, or every error found. */
  public record Validation(PolicySnapshot snapshot, List<PolicyError> errors) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  /** Thrown when a text to publish does not validate. */
  public static final class RejectedPolicyException extends Exception {
    private final List<PolicyError> errors;

    RejectedPolicyException(List<PolicyError> errors) {
      super(errors.size() + " error(s) in the policy: " + errors.get(0));
      this.errors = List.copyOf(errors);
    }

    public List<PolicyError> errors() {
      return errors;
    }
  }

  public ListSet lists() {
    return lists.get();
  }

  /** Parses and compiles {@code text} for {@code school}, as version {@code version}. */
  public Validation validate(String school, String text, long version) {
    Objects.requireNonNull(text, "text");
    if (text.length() > PolicyDocumentParser.MAX_DOCUMENT_CHARS) {
      return new Validation(null, List.of(new PolicyError("", 0,
          "the policy is longer than " + PolicyDocumentParser.MAX_DOCUMENT_CHARS + " characters")));
    }
    try {
      PolicyDocument doc = PolicyDocumentParser.parse(text, "policy of " + school);
      if (!school.equals(doc.schoolId())) {
        return new Validation(null, List.of(new PolicyError("school", 0,
            "the policy names school '" + doc.schoolId() + "' but belongs to '" + school + "'")));
      }
      return new Validation(PolicyCompiler.compile(withVersion(doc, version), lists.get(),
          register.get()), List.of());
    } catch (InvalidPolicyException e) {
      return new Validation(null, e.errors());
    }
  }

  /** The school's policy, created empty (no version yet) when it has none. */
  public Policy policyOf(String school) {
    return policies.find(school, DEFAULT_POLICY).orElseGet(() -> policies.create(school, DEFAULT_POLICY));
  }

  public Optional<PolicyVersion> current(String school) {
    return policies.find(school, DEFAULT_POLICY).flatMap(p -> policies.current(p.id()));
  }

  /**
   * Publishes {@code text} as the school's next version and puts it in force in the school's
   * running gateway, if this process runs one.
   */
  public synchronized PolicyVersion publish(String school, String text, String author,
      String comment) throws RejectedPolicyException {
    Policy policy = policyOf(school);
    Optional<PolicyVersion> before = policies.current(policy.id());
    Validation check = validate(school, text, before.map(v -> v.version() + 1L).orElse(1L));
    if (!check.valid()) {
      throw new RejectedPolicyException(check.errors());
    }
    PolicyVersion published = policies.publish(policy.id(), text, author, comment);
    putInForce(school, published, check);
    log.record(author, "policy.publish", "policy:" + school + "/" + DEFAULT_POLICY, school,
        before.map(PolicyService::summary).orElse(null), summary(published));
    return published;
  }

  /** Publishes version {@code toVersion}'s text again as a new version. */
  public synchronized PolicyVersion rollback(String school, int toVersion, String author)
      throws RejectedPolicyException {
    Policy policy = policies.find(school, DEFAULT_POLICY)
        .orElseThrow(() -> new NoSuchElementException("school " + school + " has no policy"));
    PolicyVersion old = policies.version(policy.id(), toVersion).orElseThrow(
        () -> new NoSuchElementException("the policy has no version " + toVersion));
    Optional<PolicyVersion> before = policies.current(policy.id());
    Validation check = validate(school, old.document(), before.map(v -> v.version() + 1L).orElse(1L));
    if (!check.valid()) {
      // lists changed since: a category it names may be gone
      throw new RejectedPolicyException(check.errors());
    }
    PolicyVersion published = policies.rollback(policy.id(), toVersion, author);
    putInForce(school, published, check);
    log.record(author, "policy.rollback", "policy:" + school + "/" + DEFAULT_POLICY, school,
        before.map(PolicyService::summary).orElse(null), summary(published));
    return published;
  }

  /**
   * Replaces the lists policies compile against and republishes the current policy of every
   * school running here, so the change reaches the gateway as a new version.
   */
  public synchronized void replaceLists(ListSet next, String author, String comment)
      throws RejectedPolicyException {
    ListSet previous = lists.getAndSet(Objects.requireNonNull(next, "next"));
    try {
      for (String school : live.keySet()) {
        Optional<PolicyVersion> current = current(school);
        if (current.isPresent()) {
          publish(school, current.get().document(), author, comment);
        }
      }
    } catch (RejectedPolicyException | RuntimeException e) {
      lists.set(previous);
      throw e;
    }
  }

  /**
   * Compiles the school's current version for its gateway and remembers the holder, so later
   * publishes swap into it.
   *
   * @throws RejectedPolicyException when the stored current version no longer compiles
   */
  public synchronized PolicyHolder holderFor(String school) throws RejectedPolicyException {
    PolicyHolder existing = live.get(school);
    if (existing != null) {
      return existing;
    }
    PolicyVersion current = current(school).orElseThrow(
        () -> new NoSuchElementException("school " + school + " has no published policy"));
    Validation check = validate(school, current.document(), current.version());
    if (!check.valid()) {
      throw new RejectedPolicyException(check.errors());
    }
    PolicyHolder holder = new PolicyHolder(check.snapshot());
    live.put(school, holder);
    return holder;
  }

  /**
   * Puts a new app register in force in every running gateway at once: same policy version,
   * decisions about apps follow {@code next}. A holder that already has this revision or a newer
   * one keeps it.
   */
  public synchronized void replaceRegister(AppRegister next) {
    Objects.requireNonNull(next, "next");
    for (PolicyHolder holder : live.values()) {
      PolicySnapshot in = holder.current();
      if (next.revision() > in.register().revision()) {
        holder.publish(in.withRegister(next));
      }
    }
  }

  public Optional<PolicyHolder> liveHolder(String school) {
    return Optional.ofNullable(live.get(school));
  }

  private void putInForce(String school, PolicyVersion version, Validation checked) {
    PolicyHolder holder = live.get(school);
    if (holder == null) {
      return;
    }
    // Checked as the next number; only another writer of the same database makes it differ.
    Validation compiled = checked.snapshot().version() == version.version() ? checked
        : validate(school, version.document(), version.version());
    if (compiled.valid()) {
      holder.publish(compiled.snapshot());
    }
  }

  private static Map<String, Object> summary(PolicyVersion v) {
    return Map.of("version", v.version(), "author", v.author(),
        "comment", v.comment() == null ? "" : v.comment(), "document", v.document());
  }

  private static PolicyDocument withVersion(PolicyDocument d, long version) {
    return new PolicyDocument(d.source(), d.schoolId(), d.schoolName(), version, d.zone(),
        d.defaultAllow(), d.unauthenticatedGroup(), d.bypassCategories(), d.groups(),
        d.schedules(), d.lists(), d.rules(), d.appRules());
  }
}
