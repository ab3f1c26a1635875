package org.campusgate.audit.journal;

import org.campusgate.audit.IdentityEvent;

/**
 * The stable byte codes of {@link IdentityEvent.Kind}. Explicit, never {@code ordinal()}: the
 * codes are part of the signed history, so reordering or adding constants must not change them.
 */
final class IdentityKindCodes {
  private IdentityKindCodes() {}

  static int code(IdentityEvent.Kind kind) {
    return switch (kind) {
      case LOGIN -> 1;
      case LOGIN_FAILED -> 2;
      case LOGOUT -> 3;
      case BINDING_ADDED -> 4;
      case BINDING_REMOVED -> 5;
    };
  }

  static IdentityEvent.Kind kind(int code) {
    return switch (code) {
      case 1 -> IdentityEvent.Kind.LOGIN;
      case 2 -> IdentityEvent.Kind.LOGIN_FAILED;
      case 3 -> IdentityEvent.Kind.LOGOUT;
      case 4 -> IdentityEvent.Kind.BINDING_ADDED;
      case 5 -> IdentityEvent.Kind.BINDING_REMOVED;
      default -> throw new RecordFormatException("unknown identity event kind code " + code);
    };
  }
}
