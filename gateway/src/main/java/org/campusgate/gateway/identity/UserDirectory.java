package org.campusgate.gateway.identity;

import java.util.Optional;

/**
 * Where proxy authentication looks users up. {@link FileUserDirectory} reads a text file; the
 * console supplies a database-backed one later.
 *
 * <p>Contract: {@link #find} is called on the gateway's event loop for every authenticated
 * request, so it must answer from memory, without I/O or locks held for long (a database-backed
 * directory keeps a snapshot and refreshes it on its own thread), and never throw for an
 * unknown name. Thread-safe.
 */
public interface UserDirectory {

  /** The user with this login name, or empty when there is none. */
  Optional<DirectoryUser> find(String username);
}
