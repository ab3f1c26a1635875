package org.campusgate.console.register.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.campusgate.policy.apps.AppRegister;

/**
 * Writes docs/examples/register.xlsx from the example CSV files with the register writer. Not
 * shipped; run it after changing the CSVs (ExampleFilesTest fails until then):
 * {@code mvn -o -pl console -am test-compile} then {@code java -cp ... ExampleWorkbook}, or run
 * {@link #main} from the IDE with the console module as working directory.
 */
public final class ExampleWorkbook {
  private ExampleWorkbook() {}

  public static void main(String[] args) throws IOException {
    Path out = args.length > 0 ? Path.of(args[0]) : Examples.WORKBOOK;
    ImportReport report = RegisterFiles.read(Examples.CSV_DIR, AppRegister.empty(), Examples.IMPORTED);
    if (!report.ok()) {
      report.errors().forEach(System.err::println);
      System.exit(2);
    }
    try (OutputStream o = Files.newOutputStream(out)) {
      RegisterFiles.writeXlsx(report.register().orElseThrow(), true, o);
    }
    System.out.println("wrote " + out);
  }
}
