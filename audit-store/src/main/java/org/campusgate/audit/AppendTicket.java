package org.campusgate.audit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The receipt of an {@link AuditStore#append}: completes once every record of the batch is on
 * disk (forced), with the sequence number given to the batch's last record, or with -1 when the
 * batch went to the overflow spool ({@link OverflowMode#SPOOL}: durable there, numbered when it
 * is ingested). Completes exceptionally when the store could not write the batch.
 */
public final class AppendTicket {
  private final CompletableFuture<Long> durable;

  public AppendTicket(CompletableFuture<Long> durable) {
    this.durable = durable;
  }

  /** Completes with the last sequence number of the batch once it is durable. */
  public CompletableFuture<Long> durable() {
    return durable.copy();
  }

  /**
   * Waits until the batch is durable.
   *
   * @return the sequence number of the batch's last record
   * @throws TimeoutException when it is not durable within {@code timeout}
   */
  public long awaitDurable(Duration timeout) throws TimeoutException, InterruptedException {
    try {
      return durable.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the batch could not be written", e.getCause());
    }
  }
}
