package io.berth.app.console;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff laid out in two columns, as the console shows two revisions: unchanged lines side by side, a change's
 * removed lines on the left beside its added lines on the right. The diff itself is Myers' algorithm from
 * java-diff-utils; this only pairs its deltas into rows and numbers the lines.
 */
public final class SideBySideDiff {

    public enum Kind { SAME, CHANGED, REMOVED, ADDED }

    /**
     * One row; a side absent on this row has a null line and number.
     *
     * @param leftNumber  1-based line number on the left, or null
     * @param rightNumber 1-based line number on the right, or null
     */
    public record Row(Kind kind, Integer leftNumber, String left, Integer rightNumber, String right) {
    }

    /** @param changes the number of rows that are not SAME */
    public record Result(List<Row> rows, int changes) {
        public boolean same() {
            return changes == 0;
        }
    }

    private SideBySideDiff() {
    }

    public static Result of(List<String> left, List<String> right) {
        List<Row> rows = new ArrayList<>();
        int l = 0;
        int r = 0;
        int changes = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(left, right).getDeltas()) {
            int from = delta.getSource().getPosition();
            while (l < from) { // the unchanged run before this delta
                rows.add(new Row(Kind.SAME, l + 1, left.get(l), r + 1, right.get(r)));
                l++;
                r++;
            }
            List<String> removed = delta.getSource().getLines();
            List<String> added = delta.getTarget().getLines();
            for (int i = 0; i < Math.max(removed.size(), added.size()); i++) {
                boolean hasLeft = i < removed.size();
                boolean hasRight = i < added.size();
                Kind kind = hasLeft && hasRight ? Kind.CHANGED : hasLeft ? Kind.REMOVED : Kind.ADDED;
                rows.add(new Row(kind, hasLeft ? l + i + 1 : null, hasLeft ? removed.get(i) : null,
                        hasRight ? r + i + 1 : null, hasRight ? added.get(i) : null));
                changes++;
            }
            l += removed.size();
            r += added.size();
        }
        while (l < left.size()) {
            rows.add(new Row(Kind.SAME, l + 1, left.get(l), r + 1, right.get(r)));
            l++;
            r++;
        }
        return new Result(List.copyOf(rows), changes);
    }
}
