package org.campusgate.gateway.block;

import java.util.Locale;

/** The languages block pages are written in. Simplified Chinese is the default. */
enum Lang {
  ZH("zh-CN", Locale.SIMPLIFIED_CHINESE),
  EN("en", Locale.ENGLISH);

  /** The value of the page's {@code lang} attribute. */
  final String tag;
  final Locale locale;

  Lang(String tag, Locale locale) {
    this.tag = tag;
    this.locale = locale;
  }

  /** The language of the one-line summary under the page. */
  Lang other() {
    return this == ZH ? EN : ZH;
  }
}
