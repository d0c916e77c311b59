package io.berth.app.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the README's tour is read and its outputs compared ({@link ReadmeTourIT} runs it). */
class ReadmeTourTest {

    @Test
    void commandsAreSplitFromTheirOutputAndHereDocumentsStayWhole() {
        ReadmeTour tour = ReadmeTour.parse("""
                intro
                <!-- tour -->
                ```sh
                cat > a.yaml <<'EOF'
                # not output: inside the here-document
                x: 1
                EOF
                berth apply -f a.yaml
                # applied
                #
                # done
                sed -i s/1/2/ a.yaml
                ```
                # after the block
                """);

        assertThat(tour.steps()).containsExactly(
                new ReadmeTour.Step("cat > a.yaml <<'EOF'\n# not output: inside the here-document\nx: 1\nEOF", List.of()),
                new ReadmeTour.Step("berth apply -f a.yaml", List.of("applied", "", "done")),
                new ReadmeTour.Step("sed -i s/1/2/ a.yaml", List.of()));
    }

    @Test
    void aReadmeWithoutTheMarkedBlockIsRefused() {
        assertThatThrownBy(() -> ReadmeTour.parse("```sh\nberth version\n```\n"))
                .hasMessageContaining("<!-- tour -->");
        assertThatThrownBy(() -> ReadmeTour.parse("<!-- tour -->\n```sh\ncat <<EOF\nx\n```\n"))
                .hasMessageContaining("EOF never ends");
    }

    @Test
    void columnsNeedNotAlignAndTheEllipsisStandsForWhatVaries() {
        assertThat(ReadmeTour.matches(List.of("NAME  AGE", "hello  …"),
                List.of("NAME    AGE", "hello   12s"))).isTrue();
        assertThat(ReadmeTour.matches(List.of("… hello:1 RUNNING …->8080/tcp"),
                List.of("ee3cc6fa   hello:1   RUNNING   32772->8080/tcp"))).isTrue();

        assertThat(ReadmeTour.matches(List.of("hello …"), List.of("web 12s"))).isFalse();
        assertThat(ReadmeTour.matches(List.of("3 running"), List.of("3 running", "extra"))).isFalse();
        assertThat(ReadmeTour.matches(List.of(), List.of("anything"))).isFalse();
        assertThat(ReadmeTour.matches(List.of("a.b"), List.of("axb"))).as("no regex in the README").isFalse();
    }

    @Test
    void anEllipsisAloneStandsForAnyNumberOfLines() {
        List<String> shown = List.of("first", "…", "last");

        assertThat(ReadmeTour.matches(shown, List.of("first", "last"))).isTrue();
        assertThat(ReadmeTour.matches(shown, List.of("first", "one", "two", "last"))).isTrue();
        assertThat(ReadmeTour.matches(shown, List.of("first", "one"))).isFalse();
        assertThat(ReadmeTour.matches(List.of("…"), List.of())).isTrue();
    }

    @Test
    void theReadmesTourParses() throws IOException {
        ReadmeTour tour = ReadmeTour.parse(Files.readString(Path.of("..", "README.md")));

        assertThat(tour.steps()).extracting(ReadmeTour.Step::command)
                .anyMatch(c -> c.startsWith("cat > hello.yaml <<'EOF'") && c.endsWith("\nEOF"))
                .contains("berth apply -f hello.yaml --wait", "berth delete service hello --wait");
    }
}
