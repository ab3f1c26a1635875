package org.campusgate.console.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** User-facing text of the commands, Simplified Chinese by default, English on request. */
final class Messages {
  private final ResourceBundle bundle;
  private final Locale locale;

  Messages(Locale locale) {
    this.locale = locale;
    // ROOT fallback control: never fall back to the JVM's default locale, only to the base file.
    this.bundle = ResourceBundle.getBundle("org.campusgate.console.cli.messages", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** {@code zh} (default) or {@code en}. */
  static Messages forLanguage(String language) {
    return new Messages("en".equalsIgnoreCase(language) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
  }

  String get(String key, Object... args) {
    return new MessageFormat(bundle.getString(key), locale).format(args);
  }
}
