package io.berth.reconciler.scheduler.query;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounds that keep a hostile expression from stopping placement: length, nesting, and linear-time regexes. */
class QueryBoundsTest {

    @Test
    void anExpressionLongerThanEcsAllowsIsRefusedBeforeParsing() {
        String terms = "attribute:zone exists and ".repeat(10_000) + "attribute:zone exists";

        assertThatThrownBy(() -> QueryParser.parse(terms))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("at most 2000");
    }

    @Test
    void theLongestAllowedChainOfAndsParsesAndEvaluates() {
        String term = "attribute:zone exists";
        StringBuilder text = new StringBuilder(term);
        while (text.length() + " and ".length() + term.length() <= QueryParser.MAX_LENGTH) {
            text.append(" and ").append(term);
        }

        Expression e = QueryParser.parse(text.toString());

        assertThat(e.test(Instance.of(Map.of("zone", "a")))).isTrue();
        assertThat(e.test(Instance.of(Map.of()))).isFalse();
    }

    @Test
    void deepNestingOfParenthesesIsAClearErrorNotAStackOverflow() {
        String text = "(".repeat(5_000) + "attribute:zone exists" + ")".repeat(5_000);

        assertThatThrownBy(() -> QueryParser.parse(text.substring(0, 1990)))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("more than 32 levels");
    }

    @Test
    void deepNestingOfNotIsAClearError() {
        String text = "not ".repeat(40) + "attribute:zone exists";

        assertThatThrownBy(() -> QueryParser.parse(text))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("more than 32 levels");
    }

    @Test
    void nestingUpToTheBoundParses() {
        String text = "(".repeat(16) + "not ".repeat(16) + "attribute:zone exists" + ")".repeat(16);

        assertThat(QueryParser.parse(text).test(Instance.of(Map.of("zone", "a")))).isTrue();
    }

    @Test
    void lookAroundIsRefusedBecauseItCannotBeMatchedInLinearTime() {
        assertThatThrownBy(() -> QueryParser.parse("attribute:zone =~ '(?=a)a'"))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("RE2");
    }

    @Test
    void aPatternThatBacktracksExponentiallyInJavaRegexIsAnsweredAtOnce() {
        // java.util.regex took more than 60 s for this pattern and value, under the cluster's placement lock.
        Expression e = QueryParser.parse("attribute:name =~ '(.*a){8}'");

        assertThat(e.test(Instance.of(Map.of("name", "a".repeat(60) + "b")))).isFalse();
        assertThat(e.test(Instance.of(Map.of("name", "a".repeat(61))))).isTrue();
    }
}
