package io.berth.app.console;

import io.berth.app.console.SideBySideDiff.Kind;
import io.berth.app.console.SideBySideDiff.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

class SideBySideDiffTest {

    @Test
    void aChangedLineSitsBesideItsReplacementAndAddedLinesHaveNoLeftSide() {
        SideBySideDiff.Result diff = SideBySideDiff.of(
                List.of("containers:", "- image: busybox:1.36", "  name: app"),
                List.of("containers:", "- image: busybox:1.37", "  name: app", "  memory: 32"));

        assertThat(diff.rows()).containsExactly(
                new Row(Kind.SAME, 1, "containers:", 1, "containers:"),
                new Row(Kind.CHANGED, 2, "- image: busybox:1.36", 2, "- image: busybox:1.37"),
                new Row(Kind.SAME, 3, "  name: app", 3, "  name: app"),
                new Row(Kind.ADDED, null, null, 4, "  memory: 32"));
        assertThat(diff.changes()).isEqualTo(2);
        assertThat(SideBySideDiff.of(List.of("a"), List.of("a")).same()).isTrue();
    }

    /** Whatever the inputs, each side read down its column is exactly that side, numbered 1, 2, 3... */
    @Test
    void eachColumnIsItsSideInOrder() {
        java.util.Random random = new java.util.Random(42); // seeded: the same 500 cases every run
        for (int i = 0; i < 500; i++) {
            check(lines(random), lines(random));
        }
    }

    /** Up to 12 lines of a 3-letter alphabet, so that lines repeat and move as they do between revisions. */
    private static List<String> lines(java.util.Random random) {
        return java.util.stream.IntStream.range(0, random.nextInt(13))
                .mapToObj(n -> String.valueOf((char) ('a' + random.nextInt(3)))).toList();
    }

    private static void check(List<String> left, List<String> right) {
        SideBySideDiff.Result diff = SideBySideDiff.of(left, right);

        assertThat(diff.rows().stream().map(Row::left).filter(Objects::nonNull).toList()).isEqualTo(left);
        assertThat(diff.rows().stream().map(Row::right).filter(Objects::nonNull).toList()).isEqualTo(right);
        assertThat(diff.rows().stream().map(Row::leftNumber).filter(Objects::nonNull).toList())
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, left.size()).boxed().toList());
        assertThat(diff.rows().stream().map(Row::rightNumber).filter(Objects::nonNull).toList())
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, right.size()).boxed().toList());
        assertThat(diff.same()).isEqualTo(left.equals(right));
        diff.rows().stream().filter(r -> r.kind() == Kind.SAME).forEach(r -> assertThat(r.left()).isEqualTo(r.right()));
    }
}
