package io.berth.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A kubectl-like table: upper-case headers, left-aligned columns three spaces apart, "<none>" for blanks. */
final class Table {

    private static final String GAP = "   ";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private int[] widths;

    Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    Table row(List<String> cells) {
        List<String> row = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            String cell = i < cells.size() ? cells.get(i) : null;
            row.add(cell == null || cell.isEmpty() ? "<none>" : cell.replace('\n', ' '));
        }
        rows.add(row);
        return this;
    }

    List<List<String>> rows() {
        return rows;
    }

    /** Prints headers and rows; the widths found here are kept for {@link #format} (watch mode). */
    void print(PrintWriter out) {
        widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        out.println(format(headers));
        for (List<String> row : rows) {
            out.println(format(row));
        }
        out.flush();
    }

    String format(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                int width = widths == null ? cell.length() : widths[i];
                line.append(" ".repeat(Math.max(0, width - cell.length()))).append(GAP);
            }
        }
        return line.toString().stripTrailing();
    }
}
