package uk.clubreg.console;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, both ways: fields quoted when they hold a comma, quote or line break; rows end with CRLF. A text
 * that a spreadsheet would run as a formula (starting =, +, -, @) is written with a leading apostrophe.
 */
final class Csv {

    private Csv() {}

    static String row(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String field = fields.get(i) == null ? "" : fields.get(i);
            if (!field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0 && !field.matches("[+-]?[0-9.]+")) {
                field = "'" + field;
            }
            if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
                field = "\"" + field.replace("\"", "\"\"") + "\"";
            }
            line.append(field);
        }
        return line.append("\r\n").toString();
    }

    /** Every row of {@code text}, blank lines left out; a byte order mark at the start is ignored. */
    static List<List<String>> parse(String text) {
        String input = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < input.length() && input.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < input.length() && input.charAt(i + 1) == '\n') {
                    i++;
                }
                endRow(rows, row, field);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        endRow(rows, row, field);
        return rows;
    }

    private static void endRow(List<List<String>> rows, List<String> row, StringBuilder field) {
        row.add(field.toString());
        field.setLength(0);
        if (!(row.size() == 1 && row.getFirst().isBlank())) {
            rows.add(row);
        }
    }
}
