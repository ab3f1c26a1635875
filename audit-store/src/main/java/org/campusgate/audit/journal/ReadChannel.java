package org.campusgate.audit.journal;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A shared read-only channel on a segment file for positional reads from many threads. A
 * FileChannel closes when a thread using it is interrupted; then this reopens it for the others
 * instead of failing every reader. Once {@link #close() closed} it stays closed.
 */
final class ReadChannel implements Closeable {
  private final Path path;
  private volatile FileChannel channel;
  private volatile boolean closed;

  ReadChannel(Path path) throws IOException {
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
  }

  Path path() {
    return path;
  }

  long size() throws IOException {
    return current().size();
  }

  /** Reads exactly {@code dst.remaining()} bytes at {@code position}. */
  void readFully(ByteBuffer dst, long position) throws IOException {
    int attempts = 0;
    while (dst.hasRemaining()) {
      FileChannel ch = current();
      try {
        int n = ch.read(dst, position);
        if (n < 0) {
          throw new EOFException("end of " + path.getFileName() + " at byte " + position);
        }
        position += n;
      } catch (ClosedByInterruptException e) {
        throw e; // this thread was interrupted: its problem, the next caller reopens
      } catch (ClosedChannelException e) {
        if (closed || ++attempts > 3) {
          throw e;
        }
      }
    }
  }

  private FileChannel current() throws IOException {
    FileChannel ch = channel;
    if (ch.isOpen()) {
      return ch;
    }
    synchronized (this) {
      if (closed) {
        throw new ClosedChannelException();
      }
      if (!channel.isOpen()) {
        channel = FileChannel.open(path, StandardOpenOption.READ);
      }
      return channel;
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (this) {
      closed = true;
      channel.close();
    }
  }
}
