package org.campusgate.policy.bench;

import java.util.List;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.lists.ListSet;
import org.campusgate.policy.match.DomainTable;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

/**
 * Heap footprint, not a JMH benchmark: the bytes an object graph retains, as JOL's {@link
 * GraphLayout} counts them (every object reachable from the root, headers and padding included).
 *
 * <ol>
 *   <li>A {@link DomainTable} of 5,000,000 {@link SyntheticDomains} names (target: at most 32
 *       bytes per entry);
 *   <li>the same for the real UT1 domains (every category, the table alone);
 *   <li>the imported UT1 {@link ListSet} (what an import holds before compiling);
 *   <li>the whole {@link PolicySnapshot} of the school policy with every UT1 category.
 * </ol>
 *
 * <p>An optional argument changes the synthetic size. On JDK 17 JOL cannot size records (the
 * snapshot and the lists hold several) without {@code -Djdk.attach.allowAttachSelf=true} (its
 * agent) or {@code -Djol.magicFieldOffset=true}; the script passes both.
 *
 * <pre>bench/jmh footprint [entries]</pre>
 */
public final class DomainTableFootprint {
  private DomainTableFootprint() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : SyntheticDomains.FIVE_MILLION;
    System.out.println(VM.current().details());

    DomainTable synthetic = SyntheticDomains.table(n);
    report("synthetic DomainTable", GraphLayout.parseInstance(synthetic).totalSize(),
        String.format("%,d names, %.1f chars on average", synthetic.size(), SyntheticDomains.averageLength(n)),
        synthetic.size(), "name");
    synthetic = null;

    ListSet lists = BenchFixtures.importUt1();
    List<String> names = SyntheticDomains.ut1Domains(lists);
    long domainEntries = lists.categories().values().stream().mapToLong(l -> l.domains().size()).sum();
    String ut1 = String.format("%,d distinct names (%,d domain entries in %d categories), %.1f chars on average",
        names.size(), domainEntries, lists.categories().size(),
        names.stream().mapToInt(String::length).average().orElse(0));
    DomainTable table = SyntheticDomains.ut1Table(lists);
    report("UT1 DomainTable", GraphLayout.parseInstance(table).totalSize(), ut1, table.size(), "name");
    report("UT1 ListSet (imported)", GraphLayout.parseInstance(lists).totalSize(),
        String.format("%,d entries: domains, urls, expressions", lists.entryCount()), lists.entryCount(), "entry");

    PolicySnapshot snapshot = BenchFixtures.compileSchoolPolicy(lists);
    long bytes = GraphLayout.parseInstance(snapshot).totalSize();
    report("PolicySnapshot", bytes, String.format("school policy over %d categories, %,d distinct domain names",
        snapshot.categories().size(), snapshot.domainEntries()), snapshot.domainEntries(), "name");
    System.out.printf("%-24s = %.1f bytes per UT1 domain entry, %.1f per UT1 list entry%n", "",
        bytes / (double) domainEntries, bytes / (double) lists.entryCount());
  }

  private static void report(String what, long bytes, String detail, long count, String unit) {
    System.out.printf("%-24s %,13d bytes (%6.1f MiB) = %5.1f bytes per %s; %s%n",
        what, bytes, bytes / 1048576.0, bytes / (double) count, unit, detail);
  }
}
