package org.campusgate.audit.journal;

import java.io.IOException;

/** Receives records in seq order from {@link Journal#scan}. */
@FunctionalInterface
public interface RecordVisitor {
  /**
   * @param seq the record's seq
   * @param record the record's canonical bytes; the visitor owns the array
   */
  void visit(long seq, byte[] record) throws IOException;
}
