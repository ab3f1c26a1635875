package org.campusgate.console.register.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Checks a workbook's zip before POI opens it: counts the bytes each entry really inflates to
 * (headers can lie) against a budget, so a zip bomb is refused after a bounded amount of work.
 * POI's own {@code ZipSecureFile} limits are JVM-wide settings; this keeps ours local.
 */
final class ZipBudget {
  /** Most bytes all entries may inflate to together. */
  static final long MAX_INFLATED_BYTES = 200L << 20;
  /** Most entries a workbook may hold. */
  static final int MAX_ENTRIES = 1_000;

  private ZipBudget() {}

  /** Null when within budget, else what is wrong. */
  static String check(byte[] zip) {
    try (ZipFile file = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
      long total = 0;
      int count = 0;
      byte[] buffer = new byte[64 << 10];
      for (Enumeration<ZipArchiveEntry> e = file.getEntries(); e.hasMoreElements(); ) {
        ZipArchiveEntry entry = e.nextElement();
        if (++count > MAX_ENTRIES) {
          return "the workbook holds more than " + MAX_ENTRIES + " parts";
        }
        try (InputStream in = file.getInputStream(entry)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > MAX_INFLATED_BYTES) {
              return "the workbook unpacks to more than " + (MAX_INFLATED_BYTES >> 20) + " MiB";
            }
          }
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return "not an .xlsx workbook (" + e.getMessage() + ")";
    }
  }
}
