package org.campusgate.policy.url;

/**
 * IPv4 hosts in every form {@code inet_aton} (and so every browser) accepts: one to four parts,
 * each decimal, octal (leading {@code 0}) or hex ({@code 0x}), the last part filling the bytes
 * that remain ({@code 3279880203}, {@code 0xC3.0x7F.0.11}, {@code 195.127.11}, ...).
 */
final class Ipv4 {
  private Ipv4() {}

  static final long INVALID = -1;

  /**
   * True when the last label is a number (decimal digits, or {@code 0x} and hex digits). Such a
   * host must be an IPv4 address; {@code 1.2.3.com} is a name but {@code 256.1.1.1} is an error,
   * as in browsers.
   */
  static boolean endsInNumber(byte[] b, int n) {
    int start = n;
    while (start > 0 && b[start - 1] != '.') {
      start--;
    }
    if (start == n) {
      return false;
    }
    boolean allDigits = true;
    for (int i = start; i < n; i++) {
      if (b[i] < '0' || b[i] > '9') {
        allDigits = false;
        break;
      }
    }
    if (allDigits) {
      return true;
    }
    if (n - start < 2 || b[start] != '0' || (b[start + 1] | 0x20) != 'x') {
      return false;
    }
    for (int i = start + 2; i < n; i++) {
      if (PercentCodec.hexValue(b[i]) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The address in {@code b[0, n)} as an unsigned 32-bit value, or {@link #INVALID}. */
  static long parse(byte[] b, int n) {
    long address = 0;
    int parts = 0;
    int i = 0;
    while (true) {
      int end = i;
      while (end < n && b[end] != '.') {
        end++;
      }
      long value = parsePart(b, i, end);
      if (value < 0) {
        return INVALID;
      }
      parts++;
      if (end == n) {
        if (parts > 4) {
          return INVALID;
        }
        int lastBits = 8 * (5 - parts); // the last part fills the remaining bytes
        if (value >= (1L << lastBits)) {
          return INVALID;
        }
        return (address << lastBits) | value;
      }
      if (parts == 4 || value > 255) {
        return INVALID;
      }
      address = (address << 8) | value;
      i = end + 1;
    }
  }

  /** One part: {@code 0x} hex (digits optional, as in browsers), leading-0 octal, or decimal. */
  private static long parsePart(byte[] b, int from, int to) {
    if (from == to) {
      return INVALID;
    }
    int radix = 10;
    if (to - from >= 2 && b[from] == '0' && (b[from + 1] | 0x20) == 'x') {
      radix = 16;
      from += 2;
    } else if (to - from >= 2 && b[from] == '0') {
      radix = 8;
      from += 1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int digit = PercentCodec.hexValue(b[i]);
      if (digit < 0 || digit >= radix) {
        return INVALID;
      }
      value = value * radix + digit;
      if (value > 0xFFFF_FFFFL) {
        return INVALID; // stop before overflow; no part can exceed 32 bits
      }
    }
    return value;
  }

  static String format(long address) {
    return new StringBuilder(15)
        .append((address >>> 24) & 0xFF).append('.')
        .append((address >>> 16) & 0xFF).append('.')
        .append((address >>> 8) & 0xFF).append('.')
        .append(address & 0xFF)
        .toString();
  }

  /** True for a canonical dotted quad: four decimal parts 0-255 without leading zeros. */
  static boolean isCanonical(String host) {
    int n = host.length();
    if (n < 7 || n > 15) {
      return false;
    }
    int parts = 0;
    int i = 0;
    while (i < n) {
      int start = i;
      int value = 0;
      while (i < n && host.charAt(i) >= '0' && host.charAt(i) <= '9') {
        value = value * 10 + (host.charAt(i) - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && host.charAt(start) == '0')) {
        return false;
      }
      parts++;
      if (i == n) {
        break;
      }
      if (host.charAt(i) != '.' || parts == 4) {
        return false;
      }
      i++;
    }
    return parts == 4;
  }
}
