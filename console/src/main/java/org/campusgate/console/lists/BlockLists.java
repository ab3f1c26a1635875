package org.campusgate.console.lists;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.campusgate.console.ConsoleConfiguration;
import org.campusgate.console.core.PolicyService;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.policy.lists.CategoryList;
import org.campusgate.policy.lists.ListFormatException;
import org.campusgate.policy.lists.ListSet;
import org.campusgate.policy.lists.Ut1Importer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The block lists policies compile against: a base set (the newest import kept under
 * {@code var/lists/}, else the configuration's {@code lists}) with the custom entries of the
 * database merged in. Every change goes through {@link PolicyService#replaceLists}, so the
 * school's gateway switches at once; changes are serialised here so base and entries never race.
 */
public final class BlockLists {
  private static final Logger LOG = LoggerFactory.getLogger(BlockLists.class);

  /** Where the base set came from. */
  public record Base(ListSet set, String source, Optional<ListImport> imported) {
    public Base {
      Objects.requireNonNull(set, "set");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(imported, "imported");
    }
  }

  private final Path home;
  private final List<String> importRoots;
  private final ListStore store;
  private volatile Base base;

  private BlockLists(Path home, List<String> importRoots, ListStore store, Base base) {
    this.home = home;
    this.importRoots = List.copyOf(importRoots);
    this.store = store;
    this.base = base;
  }

  /**
   * The lists at start: the newest import when its kept copy still reads, else the
   * configuration's {@code lists}, else none.
   */
  public static BlockLists load(ConsoleConfiguration config, Path home, ConsoleDatabase db,
      Clock clock) throws IOException, ListFormatException {
    ListStore store = new ListStore(db.jdbi(), clock);
    Optional<ListImport> newest = store.newestImport();
    Base base = null;
    if (newest.isPresent()) {
      Path kept = home.resolve(newest.get().storedPath());
      try {
        base = new Base(Ut1Importer.importPath(kept), newest.get().source(), newest);
      } catch (IOException | ListFormatException e) {
        LOG.warn("the imported lists kept at {} do not read ({}); using the configured lists",
            kept, e.getMessage());
      }
    }
    if (base == null) {
      base = config.lists.isBlank() ? new Base(ListSet.EMPTY, "", Optional.empty())
          : new Base(Ut1Importer.importPath(home.resolve(config.lists)), config.lists, Optional.empty());
    }
    return new BlockLists(home, config.listImportRoots, store, base);
  }

  /** The base set merged with the custom entries: what policies compile against. */
  public ListSet inForce() {
    return merge(base.set(), store.entries());
  }

  public Base base() {
    return base;
  }

  public List<CustomEntry> entries() {
    return store.entries();
  }

  public List<CustomEntry> entries(String category) {
    return store.entries(category);
  }

  /** The installation folder imports are kept under and relative paths resolve against. */
  Path home() {
    return home;
  }

  /** The configured folders a server-side import may read from, as written in the configuration. */
  List<String> importRoots() {
    return importRoots;
  }

  ListStore store() {
    return store;
  }

  /** Makes {@code next} the base set and republishes. Nothing changes when a policy rejects it. */
  public synchronized void replaceBase(Base next, PolicyService policies, String actor,
      String comment) throws PolicyService.RejectedPolicyException {
    policies.replaceLists(merge(next.set(), store.entries()), actor, comment);
    base = next;
  }

  /** Notes the database row of the import now in force. */
  synchronized void adopt(ListImport row) {
    Base b = base;
    base = new Base(b.set(), row.source(), Optional.of(row));
  }

  /**
   * Adds a canonical entry and republishes; false when it was there already.
   *
   * @throws PolicyService.RejectedPolicyException when a policy no longer compiles (entry not kept)
   */
  public synchronized boolean add(String category, String kind, String entry, String actor,
      PolicyService policies) throws PolicyService.RejectedPolicyException {
    if (!store.add(category, kind, entry, actor)) {
      return false;
    }
    try {
      policies.replaceLists(inForce(), actor, "custom entry added to " + category + ": " + entry);
    } catch (PolicyService.RejectedPolicyException | RuntimeException e) {
      store.remove(category, kind, entry);
      throw e;
    }
    return true;
  }

  /** Removes a canonical entry and republishes; false when it was not there. */
  public synchronized boolean remove(String category, String kind, String entry, String actor,
      PolicyService policies) throws PolicyService.RejectedPolicyException {
    if (!store.remove(category, kind, entry)) {
      return false;
    }
    try {
      policies.replaceLists(inForce(), actor, "custom entry removed from " + category + ": " + entry);
    } catch (PolicyService.RejectedPolicyException | RuntimeException e) {
      store.add(category, kind, entry, actor);
      throw e;
    }
    return true;
  }

  /**
   * The base with each category's custom domains and URLs added. A category only custom entries
   * name (an import dropped it) stays, so policies naming it still compile.
   */
  static ListSet merge(ListSet base, List<CustomEntry> custom) {
    if (custom.isEmpty()) {
      return base;
    }
    Map<String, Set<String>> domains = new TreeMap<>();
    Map<String, Set<String>> urls = new TreeMap<>();
    for (CustomEntry e : custom) {
      (CustomEntry.URL.equals(e.kind()) ? urls : domains)
          .computeIfAbsent(e.category(), k -> new LinkedHashSet<>()).add(e.entry());
    }
    TreeMap<String, CategoryList> out = new TreeMap<>(base.categories());
    Set<String> touched = new LinkedHashSet<>(domains.keySet());
    touched.addAll(urls.keySet());
    for (String name : touched) {
      CategoryList b = out.get(name);
      List<String> d = new ArrayList<>(b == null ? List.of() : b.domains());
      List<String> u = new ArrayList<>(b == null ? List.of() : b.urls());
      d.addAll(domains.getOrDefault(name, Set.of()));
      u.addAll(urls.getOrDefault(name, Set.of()));
      out.put(name, b == null
          ? new CategoryList(name, Map.of(), Map.of(), "black", d, u, List.of())
          : new CategoryList(name, b.displayNames(), b.descriptions(), b.defaultType(), d, u,
              b.expressions()));
    }
    return new ListSet(out, base.aliases());
  }
}
