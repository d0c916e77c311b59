package io.berth.reconciler.scheduler.query;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class QueryParserTest {

    static final Instance ZONE_A_BIG = Instance.of(Map.of("zone", "a", "instance-type", "big", "berth.cpus", "8",
            "berth.os", "linux"), "service:web", "family:batch");
    static final Instance ZONE_B = Instance.of(Map.of("zone", "b", "berth.cpus", "2", "berth.os", "linux"));
    static final Instance NO_ZONE = Instance.of(Map.of("berth.cpus", "16"), "service:db");

    static Stream<Arguments> evaluations() {
        return Stream.of(
                // expression, matches ZONE_A_BIG, ZONE_B, NO_ZONE
                argumentSet("equals", "attribute:zone == a", true, false, false),
                argumentSet("not equals keeps instances without the attribute", "attribute:zone != a", false, true, true),
                argumentSet("in", "attribute:zone in [a, b]", true, true, false),
                argumentSet("not in", "attribute:zone not in [a]", false, true, true),
                argumentSet("not_in", "attribute:zone not_in [a]", false, true, true),
                argumentSet("!in", "attribute:zone !in [b]", true, false, true),
                argumentSet("regex matches the whole value", "attribute:instance-type =~ b.*", true, false, false),
                argumentSet("regex is not a substring search", "attribute:instance-type =~ i", false, false, false),
                argumentSet("negated regex", "attribute:instance-type !~ b.*", false, true, true),
                argumentSet("exists", "attribute:zone exists", true, true, false),
                argumentSet("!exists", "attribute:zone !exists", false, false, true),
                argumentSet("numeric ordering, not text", "attribute:berth.cpus > 4", true, false, true),
                argumentSet("numeric >=", "attribute:berth.cpus >= 8", true, false, true),
                argumentSet("<= on a missing attribute is false", "attribute:memory <= 8", false, false, false),
                argumentSet("task:group ==", "task:group == service:web", true, false, false),
                argumentSet("anti-affinity: no task of the group", "not(task:group == service:db)", true, true, false),
                argumentSet("task:group != is 'runs none of'", "task:group != service:db", true, true, false),
                argumentSet("task:group in", "task:group in [family:batch, service:db]", true, false, true),
                argumentSet("task:group regex", "task:group =~ service:.*", true, false, true),
                argumentSet("task:group exists: runs anything", "task:group exists", true, false, true),
                argumentSet("and binds tighter than or", "attribute:zone == b or attribute:zone == a and attribute:berth.cpus > 100",
                        false, true, false),
                argumentSet("parentheses", "(attribute:zone == b or attribute:zone == a) and attribute:berth.cpus > 4",
                        true, false, false),
                argumentSet("not applies to the next term", "not attribute:zone == a and attribute:berth.os == linux",
                        false, true, false),
                argumentSet("quoted values", "attribute:zone in ['a', \"b\"]", true, true, false),
                argumentSet("built-in attribute", "attribute:berth.os == linux", true, true, false));
    }

    @ParameterizedTest
    @MethodSource("evaluations")
    void evaluates(String expression, boolean a, boolean b, boolean none) {
        Expression e = QueryParser.parse(expression);
        assertThat(e.test(ZONE_A_BIG)).as("zone a").isEqualTo(a);
        assertThat(e.test(ZONE_B)).as("zone b").isEqualTo(b);
        assertThat(e.test(NO_ZONE)).as("no zone").isEqualTo(none);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                // expression, column, message fragment
                argumentSet("empty", "  ", 1, "empty"),
                argumentSet("missing value", "attribute:zone ==", 18, "expected a value, got the end"),
                argumentSet("unknown subject", "zone == a", 1, "expected attribute:NAME, task:group"),
                argumentSet("bad attribute name", "attribute:zo$ne == a", 11, "attribute names"),
                argumentSet("unknown operator", "attribute:zone = a", 16, "unknown operator '='"),
                argumentSet("missing operator", "attribute:zone a", 16, "expected an operator"),
                argumentSet("unclosed parenthesis", "(attribute:zone == a", 21, "')' to close the '(' at column 1"),
                argumentSet("trailing garbage", "attribute:zone == a b", 21, "expected 'and', 'or' or the end"),
                argumentSet("dangling and", "attribute:zone == a and", 24, "expected attribute:NAME"),
                argumentSet("in without list", "attribute:zone in a", 19, "'[' to start a list"),
                argumentSet("unclosed list", "attribute:zone in [a, b", 24, "',' or ']'"),
                argumentSet("keyword as value", "attribute:zone == and", 19, "quote it"),
                argumentSet("not without in", "attribute:zone not a", 20, "expected 'in' after 'not'"),
                argumentSet("unterminated string", "attribute:zone == 'a", 19, "unterminated string"),
                argumentSet("bad regex (quoted: ( ends a word)", "attribute:zone =~ 'a(b'", 23, "invalid regular expression"),
                argumentSet("ordering on task:group", "task:group > a", 12, "task:group cannot be compared with >"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void rejectsWithColumn(String expression, int column, String fragment) {
        assertThatThrownBy(() -> QueryParser.parse(expression))
                .isInstanceOfSatisfying(QuerySyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.getMessage()).startsWith("column " + column + ": ").contains(fragment);
                });
    }
}
