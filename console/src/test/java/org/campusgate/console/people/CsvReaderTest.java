package org.campusgate.console.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV as spreadsheets save it: quotes, embedded commas and line breaks, CRLF, a BOM. */
class CsvReaderTest {
  @Test
  void readsQuotedFieldsAndKnowsTheLineEachRecordStartsOn() throws Exception {
    String text = "\uFEFFlogin,display_name\r\n"
        + "ann,\"Li, Ann\"\r\n"
        + "\r\n"
        + "ben,\"two\nlines \"\"quoted\"\"\"\r\n"
        + "cat,\n";
    assertThat(CsvReader.read(text, 100)).containsExactly(
        new CsvReader.Row(1, List.of("login", "display_name")),
        new CsvReader.Row(2, List.of("ann", "Li, Ann")),
        new CsvReader.Row(4, List.of("ben", "two\nlines \"quoted\"")),
        new CsvReader.Row(6, List.of("cat", "")));
  }

  @Test
  void namesTheLineOfAMalformedRecord() {
    assertThatThrownBy(() -> CsvReader.read("a,b\nc,\"open\nstill open", 100))
        .isInstanceOf(CsvReader.MalformedCsvException.class)
        .hasMessage("line 2: a quoted field is not closed");
    assertThatThrownBy(() -> CsvReader.read("a,b\n\nc,\"x\"y\n", 100))
        .hasMessage("line 3: text after the closing quote of a field");
    assertThatThrownBy(() -> CsvReader.read("a,b\"c\n", 100))
        .hasMessageStartingWith("line 1: a quote inside an unquoted field");
  }

  @Test
  void refusesMoreRowsThanAllowed() {
    assertThatThrownBy(() -> CsvReader.read("h\n1\n2\n3\n", 3))
        .hasMessage("line 4: more than 3 rows");
  }
}
