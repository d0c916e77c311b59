package io.berth.app.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's tour: the {@code ```sh} block after the line {@code <!-- tour -->}, read as commands, each
 * followed by the output it shows as {@code # } comment lines.
 *
 * <p>The expected-output syntax, as the README explains it to its readers:
 * <ul>
 *   <li>{@code # TEXT} is one line of output; {@code #} alone an empty one. Runs of spaces count as one, so
 *       columns need not line up as the real table does.</li>
 *   <li>{@code …} inside a line stands for any text (ids, ages, ports); a line that is only {@code …} stands for
 *       any number of lines, none included.</li>
 *   <li>A command shown with no output lines must print nothing.</li>
 * </ul>
 * A command is one line, or a line with a here-document ({@code <<'EOF'}) up to its end marker.
 */
record ReadmeTour(List<Step> steps) {

    static final String MARKER = "<!-- tour -->";
    static final String ANY = "…";

    private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*'?\"?([A-Za-z_]+)'?\"?");

    /** One command and the output lines the README shows for it (without their {@code # }). */
    record Step(String command, List<String> expected) {
    }

    static ReadmeTour parse(String readme) {
        List<String> lines = readme.lines().toList();
        int marker = lines.indexOf(MARKER);
        if (marker < 0 || marker + 1 >= lines.size() || !lines.get(marker + 1).equals("```sh")) {
            throw new IllegalArgumentException("README: no ```sh block right after " + MARKER);
        }
        List<Step> steps = new ArrayList<>();
        StringBuilder command = null;
        List<String> expected = new ArrayList<>();
        int i = marker + 2;
        for (; i < lines.size() && !lines.get(i).equals("```"); i++) {
            String line = lines.get(i);
            if (line.equals("#") || line.startsWith("# ")) {
                if (command == null) {
                    throw new IllegalArgumentException("README tour line " + (i + 1) + ": output before any command");
                }
                expected.add(line.length() < 2 ? "" : line.substring(2));
                continue;
            }
            if (command != null) {
                steps.add(new Step(command.toString(), List.copyOf(expected)));
                expected.clear();
            }
            command = new StringBuilder(line);
            Matcher heredoc = HEREDOC.matcher(line);
            if (heredoc.find()) {
                String end = heredoc.group(1);
                do {
                    i++;
                    if (i >= lines.size()) {
                        throw new IllegalArgumentException("README tour: here-document " + end + " never ends");
                    }
                    command.append('\n').append(lines.get(i));
                } while (!lines.get(i).equals(end));
            }
        }
        if (i >= lines.size()) {
            throw new IllegalArgumentException("README tour: the ```sh block never ends");
        }
        if (command != null) {
            steps.add(new Step(command.toString(), List.copyOf(expected)));
        }
        return new ReadmeTour(List.copyOf(steps));
    }

    /** Whether {@code actual} output lines are what {@code expected} shows, by the syntax above. */
    static boolean matches(List<String> expected, List<String> actual) {
        List<String> wanted = expected.stream().map(ReadmeTour::squeeze).toList();
        List<String> got = actual.stream().map(ReadmeTour::squeeze).toList();
        return matches(wanted, 0, got, 0);
    }

    private static boolean matches(List<String> wanted, int w, List<String> got, int g) {
        if (w == wanted.size()) {
            return g == got.size();
        }
        if (wanted.get(w).equals(ANY)) {
            // any number of lines: try the fewest first
            for (int skip = g; skip <= got.size(); skip++) {
                if (matches(wanted, w + 1, got, skip)) {
                    return true;
                }
            }
            return false;
        }
        return g < got.size() && lineMatches(wanted.get(w), got.get(g)) && matches(wanted, w + 1, got, g + 1);
    }

    private static boolean lineMatches(String wanted, String got) {
        StringBuilder regex = new StringBuilder();
        String[] parts = wanted.split(ANY, -1);
        for (int p = 0; p < parts.length; p++) {
            if (p > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[p]));
        }
        return got.matches(regex.toString());
    }

    /** Column alignment is not part of what the README promises: runs of whitespace count as one space. */
    private static String squeeze(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }
}
