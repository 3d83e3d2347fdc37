package org.gdprsuite.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The benchmark's one table: printed as text, written as JSON and Markdown. */
public final class Report {

    private static final String[] HEADER = {"figure", "value", "target", "met", "baseline", "ratio", "note"};

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, String> context = new LinkedHashMap<>();

    public void add(Figure figure) {
        figures.add(figure);
    }

    /** Facts about the run (machine, scale, duration) printed above the table. */
    public void context(String key, String value) {
        context.put(key, value);
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return Math.abs(value) >= 100
                ? String.format(Locale.ROOT, "%,.0f", value)
                : Math.abs(value) >= 10
                        ? String.format(Locale.ROOT, "%.1f", value)
                        : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String[] cells(Figure f) {
        Double ratio = f.ratio();
        return new String[] {
            f.name(),
            number(f.value()) + " " + f.unit(),
            f.target() == null ? "–" : f.target(),
            f.met() == null ? "–" : f.met() ? "yes" : "NO",
            f.baseline() == null ? "–" : number(f.baseline()) + " " + f.unit() + " (" + f.baselineName() + ")",
            ratio == null ? "–" : String.format(Locale.ROOT, "%.2f×", ratio),
            f.note() == null ? "" : f.note()
        };
    }

    /** Aligned plain text for the terminal. */
    public String text() {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        figures.forEach(f -> rows.add(cells(f)));
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        context.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                out.append(i == 0 ? "" : "  ").append(i == row.length - 1 ? row[i] : pad(row[i], width[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        context.forEach(
                (k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
        out.append('\n')
                .append(row(HEADER))
                .append(row(java.util.Collections.nCopies(HEADER.length, "---").toArray(String[]::new)));
        figures.forEach(f -> out.append(row(cells(f))));
        return out.toString();
    }

    public String json() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Figure f : figures) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("figure", f.name());
            row.put("value", f.value());
            row.put("unit", f.unit());
            row.put("target", f.target());
            row.put("met", f.met());
            row.put("baseline", f.baseline());
            row.put("baselineName", f.baselineName());
            row.put("ratio", f.ratio());
            row.put("note", f.note());
            rows.add(row);
        }
        try {
            return JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build()
                    .writeValueAsString(Map.of("context", context, "figures", rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code <stamp>.json}, {@code <stamp>.md} and {@code latest.md}/{@code latest.json} under {@code dir}. */
    public void write(Path dir, String stamp) {
        write(dir, "", stamp);
    }

    /** As {@link #write(Path, String)}, every file name starting with {@code prefix} (e.g. "soak-"). */
    public void write(Path dir, String prefix, String stamp) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(prefix + stamp + ".json"), json());
            Files.writeString(dir.resolve(prefix + stamp + ".md"), markdown());
            Files.writeString(dir.resolve(prefix + "latest.json"), json());
            Files.writeString(dir.resolve(prefix + "latest.md"), markdown());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String row(String[] cells) {
        StringBuilder out = new StringBuilder("|");
        for (String cell : cells) {
            out.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        return out.append('\n').toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
