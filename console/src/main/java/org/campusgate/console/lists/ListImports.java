package org.campusgate.console.lists;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.core.PolicyService;
import org.campusgate.console.db.ListMetadataDao;
import org.campusgate.policy.PolicyError;
import org.campusgate.policy.lists.CategoryList;
import org.campusgate.policy.lists.ListError;
import org.campusgate.policy.lists.ListFormatException;
import org.campusgate.policy.lists.ListSet;
import org.campusgate.policy.lists.Ut1Importer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs UT1 imports in the background, one at a time: the source is copied (or the upload
 * received) into {@code var/lists/imports/}, read with {@link Ut1Importer}, merged with the
 * custom entries and put in force through {@link BlockLists#replaceBase}; then recorded
 * ({@code list_imports}, {@code list_metadata} per category, the admin log). A failure at any
 * step leaves the lists in force as they were and the job {@code failed} with its errors.
 */
public final class ListImports {
  /** Uploads larger than this are refused (the full UT1 archive is a few tens of MiB). */
  public static final long MAX_UPLOAD_BYTES = 200L << 20;
  /** What an archive may unpack to: a guard against a small file that inflates without end. */
  static final long MAX_UNPACKED_BYTES = 2L << 30;
  private static final int KEPT_JOBS = 20;
  private static final Logger LOG = LoggerFactory.getLogger(ListImports.class);

  private final BlockLists lists;
  private final PolicyService policies;
  private final AdminLog log;
  private final ListMetadataDao metadata;
  private final Clock clock;
  private final ImportRoots roots;
  private final Path listsDir;
  private final AtomicReference<ImportJob> running = new AtomicReference<>();
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, ImportJob> jobs = new LinkedHashMap<>();

  public ListImports(BlockLists lists, PolicyService policies, AdminLog log,
      ListMetadataDao metadata, Clock clock) {
    this.lists = lists;
    this.policies = policies;
    this.log = log;
    this.metadata = metadata;
    this.clock = clock;
    this.roots = new ImportRoots(lists.home(), lists.importRoots());
    this.listsDir = lists.home().resolve("var/lists");
  }

  /**
   * Starts importing the folder or {@code .tar.gz} at {@code asked} on the server.
   *
   * @throws ListsException 400/403 for a path refused, 409 while another import runs
   */
  public ImportJob startFromPath(String asked, String actor, String comment) {
    Path source = roots.check(asked);
    ImportJob job = claim(asked.strip(), actor, comment);
    background(job, () -> Files.isDirectory(source) ? copyFolder(job, source) : copyFile(job, source));
    return job;
  }

  /**
   * Receives an uploaded {@code .tar.gz} into {@code var/lists/uploads/} (streamed, at most
   * {@link #MAX_UPLOAD_BYTES}), then imports it in the background.
   *
   * @throws ListsException 409 while another import runs, 413 when the upload is too large, 400
   *     when it breaks off
   */
  public ImportJob startUpload(String fileName, InputStream content, String actor, String comment) {
    ImportJob job = claim("upload: " + fileName, actor, comment);
    Path part = null;
    try {
      job.phase("receiving", 0);
      Path uploads = Files.createDirectories(listsDir.resolve("uploads"));
      part = uploads.resolve(job.id() + "-" + System.nanoTime() + ".tar.gz.part");
      try (InputStream in = content; OutputStream out = Files.newOutputStream(part)) {
        copy(in, out, job, MAX_UPLOAD_BYTES, 0);
      }
    } catch (IOException | RuntimeException e) {
      deleteQuietly(part);
      ListsException refused = e instanceof ListsException l ? l
          : new ListsException(400, "upload-failed", "the upload broke off: " + e.getMessage());
      fail(job, List.of(new ListError(job.source(), 0, refused.getMessage())));
      running.compareAndSet(job, null);
      throw refused;
    }
    Path received = part;
    background(job, () -> moveIn(received));
    return job;
  }

  public Optional<ImportJob> job(long id) {
    synchronized (jobs) {
      return Optional.ofNullable(jobs.get(id));
    }
  }

  /** The recent imports since start, newest first. */
  public List<ImportJob.View> recent() {
    synchronized (jobs) {
      List<ImportJob.View> out = new ArrayList<>();
      jobs.values().forEach(j -> out.add(0, j.view()));
      return out;
    }
  }

  private ImportJob claim(String source, String actor, String comment) {
    ImportJob job = new ImportJob(ids.incrementAndGet(), source, actor, comment, clock.instant());
    if (!running.compareAndSet(null, job)) {
      throw new ListsException(409, "import-running", "import " + running.get().id()
          + " is still running; wait until it is done");
    }
    synchronized (jobs) {
      jobs.put(job.id(), job);
      if (jobs.size() > KEPT_JOBS) {
        jobs.remove(jobs.keySet().iterator().next());
      }
    }
    return job;
  }

  @FunctionalInterface
  private interface Step {
    Path keptCopy() throws IOException;
  }

  private void background(ImportJob job, Step prepare) {
    Thread t = new Thread(() -> run(job, prepare), "list-import-" + job.id());
    t.setDaemon(true);
    t.start();
  }

  private void run(ImportJob job, Step prepare) {
    Path kept = null;
    try {
      kept = prepare.keptCopy();
      ListSet read = read(job, kept);
      job.phase("compiling", 0);
      BlockLists.Base before = lists.base();
      BlockLists.Base next = new BlockLists.Base(read, job.source(), Optional.empty());
      job.phase("publishing", 0);
      lists.replaceBase(next, policies, job.actor(),
          job.comment().isEmpty() ? "block lists imported from " + job.source() : job.comment());
      record(job, kept, read, before);
      job.done(clock.instant());
      removeOlderCopies(kept);
    } catch (ListFormatException e) {
      deleteQuietly(kept);
      fail(job, e.errors());
    } catch (PolicyService.RejectedPolicyException e) {
      deleteQuietly(kept);
      List<ListError> why = new ArrayList<>();
      for (PolicyError p : e.errors()) {
        why.add(new ListError("policy", p.line(), "with these lists the current policy does not compile: "
            + p.message()));
      }
      fail(job, why);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(kept);
      LOG.warn("list import {} failed", job.id(), e);
      fail(job, List.of(new ListError(job.source(), 0, message(e))));
    } finally {
      running.compareAndSet(job, null);
    }
  }

  private ListSet read(ImportJob job, Path kept) throws IOException, ListFormatException {
    if (Files.isDirectory(kept)) {
      job.phase("reading", 0);
      return counted(job, Ut1Importer.importPath(kept));
    }
    checkArchive(kept);
    long size = Files.size(kept);
    job.phase("reading", size);
    try (InputStream in = new Counting(Files.newInputStream(kept), job)) {
      return counted(job, Ut1Importer.importTarGz(in, job.source()));
    }
  }

  private static ListSet counted(ImportJob job, ListSet set) {
    long d = 0;
    long u = 0;
    long e = 0;
    for (CategoryList c : set.categories().values()) {
      d += c.domains().size();
      u += c.urls().size();
      e += c.expressions().size();
    }
    job.counts(set.categories().size(), d, u, e);
    return set;
  }

  /**
   * Reads the archive through once, so a file that is not a {@code .tar.gz}, is cut short or
   * unpacks to more than {@link #MAX_UNPACKED_BYTES} fails with a clear reason before import.
   */
  static void checkArchive(Path archive) throws IOException, ListFormatException {
    String name = archive.getFileName().toString();
    long unpacked = 0;
    byte[] buffer = new byte[1 << 16];
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
        new BufferedInputStream(Files.newInputStream(archive), 1 << 16)))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        for (int n; (n = tar.read(buffer)) > 0; ) {
          unpacked += n;
          if (unpacked > MAX_UNPACKED_BYTES) {
            throw new ListFormatException(List.of(new ListError(name, 0,
                "the archive unpacks to more than " + (MAX_UNPACKED_BYTES >> 20) + " MiB")));
          }
        }
      }
    } catch (IOException e) {
      throw new ListFormatException(List.of(new ListError(name, 0,
          "not a readable .tar.gz archive (" + message(e) + ")")));
    }
  }

  /** A new folder or file under {@code var/lists/imports/} for this job's copy. */
  private Path target(String suffix) throws IOException {
    Path imports = Files.createDirectories(listsDir.resolve("imports"));
    for (int attempt = 0; ; attempt++) {
      Path p = imports.resolve(clock.millis() + "-" + ids.get() + (attempt == 0 ? "" : "-" + attempt) + suffix);
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        return p;
      }
    }
  }

  private Path moveIn(Path received) throws IOException {
    Path to = target(".tar.gz");
    try {
      Files.move(received, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(received);
      throw e;
    }
    return to;
  }

  private Path copyFile(ImportJob job, Path source) throws IOException {
    Path to = target(".tar.gz");
    job.phase("copying", Files.size(source));
    try (InputStream in = Files.newInputStream(source);
        OutputStream out = Files.newOutputStream(to, java.nio.file.StandardOpenOption.CREATE_NEW)) {
      copy(in, out, job, Long.MAX_VALUE, 0);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(to);
      throw e;
    }
    return to;
  }

  /**
   * Copies a UT1 folder ({@code blacklists} or its parent) two levels deep without following
   * links: a link inside a category could point anywhere on the machine. Top-level links are
   * UT1's aliases ({@code porn -> adult}); they become alias files naming their target.
   */
  private Path copyFolder(ImportJob job, Path source) throws IOException {
    Path inner = source.resolve("blacklists");
    Path base = Files.isDirectory(inner, LinkOption.NOFOLLOW_LINKS) ? inner : source;
    List<Path> files;
    try (Stream<Path> walk = Files.walk(base, 2)) {
      files = walk.filter(p -> !p.equals(base)).sorted().toList();
    }
    long total = 0;
    for (Path p : files) {
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        total += Files.size(p);
      }
    }
    Path to = target("");
    Path root = Files.createDirectories(to.resolve("blacklists"));
    job.phase("copying", total);
    long done = 0;
    try {
      for (Path p : files) {
        Path relative = base.relativize(p);
        Path dest = root.resolve(relative.toString());
        boolean top = relative.getNameCount() == 1;
        if (Files.isSymbolicLink(p)) {
          if (top) {
            String target = Files.readSymbolicLink(p).getFileName().toString();
            Files.writeString(dest, target + "\n", StandardCharsets.UTF_8);
          }
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(dest);
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS);
              OutputStream out = Files.newOutputStream(dest)) {
            done = copy(in, out, job, Long.MAX_VALUE, done);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      deleteQuietly(to);
      throw e;
    }
    return to;
  }

  /** Copies, reporting bytes to the job; 413 past {@code limit}. */
  private static long copy(InputStream in, OutputStream out, ImportJob job, long limit, long done)
      throws IOException {
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) > 0; ) {
      done += n;
      if (done > limit) {
        throw new ListsException(413, "too-large",
            "the upload is larger than " + (limit >> 20) + " MiB");
      }
      out.write(buffer, 0, n);
      job.progress(done);
    }
    return done;
  }

  private void record(ImportJob job, Path kept, ListSet read, BlockLists.Base before) {
    long entries = read.entryCount();
    String stored = lists.home().relativize(kept).toString().replace('\\', '/');
    ListImport row = lists.store().recordImport(clip(job.source(), 1000), stored,
        read.categories().size(), entries, clip(job.actor(), 64));
    for (CategoryList c : read.categories().values()) {
      metadata.recordImport("ut1/" + c.name(), null, clip(job.source(), 1000), c.domains().size(),
          c.urls().size(), c.expressions().size(), clip(job.actor(), 64));
    }
    lists.adopt(row);
    log.record(job.actor(), "lists.import", "lists", null, summary(before.source(), before.set()),
        Map.of("source", job.source(), "kept", stored, "categories", read.categories().size(),
            "entries", entries, "comment", job.comment()));
  }

  private void fail(ImportJob job, List<ListError> errors) {
    job.failed(errors, clock.instant());
    try {
      log.record(job.actor(), "lists.import-failed", "lists", null, null, Map.of(
          "source", job.source(), "errors", errors.stream().limit(10).map(ListError::toString).toList()));
    } catch (RuntimeException e) {
      LOG.warn("cannot write the failed import {} to the admin log", job.id(), e);
    }
  }

  private static Map<String, Object> summary(String source, ListSet set) {
    return Map.of("source", source, "categories", set.categories().size(), "entries", set.entryCount());
  }

  /** Keeps only the copy now in force (and anything being written by no one: there is one import at a time). */
  private void removeOlderCopies(Path kept) {
    Path imports = kept.getParent();
    try (Stream<Path> children = Files.list(imports)) {
      for (Path p : (Iterable<Path>) children::iterator) {
        if (!p.equals(kept)) {
          deleteQuietly(p);
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot remove older list copies under {}: {}", imports, e.getMessage());
    }
  }

  private static void deleteQuietly(Path p) {
    if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(q);
      }
    } catch (IOException e) {
      LOG.warn("cannot remove {}: {}", p, e.getMessage());
    }
  }

  private static String message(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /** Reports compressed bytes read to the job: the import's progress through an archive. */
  private static final class Counting extends FilterInputStream {
    private final ImportJob job;
    private long count;

    Counting(InputStream in, ImportJob job) {
      super(in);
      this.job = job;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        job.progress(++count);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
        job.progress(count);
      }
      return n;
    }
  }
}
