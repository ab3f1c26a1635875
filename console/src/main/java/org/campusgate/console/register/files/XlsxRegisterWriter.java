package org.campusgate.console.register.files;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.campusgate.policy.apps.AppRegister;

/**
 * Writes the register as a workbook, one sheet per table, the header row bold and frozen. All
 * cells are text, so filing numbers and times keep their exact form. Streams (SXSSF): a large
 * history does not sit in memory.
 */
final class XlsxRegisterWriter {
  private XlsxRegisterWriter() {}

  static void write(AppRegister register, boolean history, OutputStream out) throws IOException {
    SXSSFWorkbook book = new SXSSFWorkbook(200);
    try {
      Font bold = book.createFont();
      bold.setBold(true);
      CellStyle header = book.createCellStyle();
      header.setFont(bold);
      for (Table table : Table.REGISTER) {
        Sheet sheet = book.createSheet(table.sheet());
        List<Column> columns = table.columns();
        Row head = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
          var cell = head.createCell(i);
          cell.setCellValue(columns.get(i).name());
          cell.setCellStyle(header);
          sheet.setColumnWidth(i, width(columns.get(i)) * 256);
        }
        sheet.createFreezePane(0, 1);
        int r = 1;
        for (Map<String, String> values : RegisterRows.of(register, table, history)) {
          Row row = sheet.createRow(r++);
          for (int i = 0; i < columns.size(); i++) {
            String v = values.get(columns.get(i).name());
            if (v != null && !v.isEmpty()) {
              row.createCell(i).setCellValue(v);
            }
          }
        }
      }
      book.write(out);
    } finally {
      book.close(); // also deletes SXSSF's temporary files
    }
  }

  private static int width(Column c) {
    return switch (c.name()) {
      case "domains", "sni_patterns", "url_prefixes", "ip_ranges", "status_reason", "windows" -> 40;
      case "effective_from", "recorded_at", "confirmed_at" -> 26;
      default -> Math.max(14, c.name().length() + 4);
    };
  }
}
