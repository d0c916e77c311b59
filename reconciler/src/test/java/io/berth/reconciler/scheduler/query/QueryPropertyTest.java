package io.berth.reconciler.scheduler.query;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;
import java.util.Set;
import com.google.re2j.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random expression trees: printing one and parsing the text gives the same tree back, and the evaluator obeys the
 * laws of the logic it implements.
 */
class QueryPropertyTest {

    @Property(tries = 500)
    void printedExpressionsParseBackToTheSameTree(@ForAll("expressions") Expression e) {
        // texts past the parser's bound are refused by design (QueryBoundsTest)
        Assume.that(e.toString().length() <= QueryParser.MAX_LENGTH && depth(e) <= QueryParser.MAX_NESTING);
        assertThat(QueryParser.parse(e.toString())).isEqualTo(e);
    }

    @Property(tries = 300)
    void deMorganAndDoubleNegation(@ForAll("expressions") Expression a, @ForAll("expressions") Expression b,
                                   @ForAll("instances") Instance i) {
        assertThat(new Expression.Not(new Expression.And(a, b)).test(i))
                .isEqualTo(new Expression.Or(new Expression.Not(a), new Expression.Not(b)).test(i));
        assertThat(new Expression.Not(new Expression.Not(a)).test(i)).isEqualTo(a.test(i));
    }

    @Property(tries = 300)
    void negatedFormsAreComplements(@ForAll("subjects") Subject s, @ForAll("values") List<String> values,
                                    @ForAll("instances") Instance i) {
        assertThat(new Expression.In(s, values, true).test(i)).isNotEqualTo(new Expression.In(s, values, false).test(i));
        assertThat(new Expression.Exists(s, true).test(i)).isNotEqualTo(new Expression.Exists(s, false).test(i));
        assertThat(new Expression.Comparison(s, Expression.Operator.NE, values.getFirst()).test(i))
                .isNotEqualTo(new Expression.Comparison(s, Expression.Operator.EQ, values.getFirst()).test(i));
    }

    @Property(tries = 300)
    void inIsOrOfEquals(@ForAll("subjects") Subject s, @ForAll("values") List<String> values,
                        @ForAll("instances") Instance i) {
        boolean anyEqual = values.stream()
                .anyMatch(v -> new Expression.Comparison(s, Expression.Operator.EQ, v).test(i));
        assertThat(new Expression.In(s, values, false).test(i)).isEqualTo(anyEqual);
    }

    @Provide
    Arbitrary<Instance> instances() {
        Arbitrary<Map<String, String>> attributes = Arbitraries.maps(Arbitraries.of("zone", "type", "berth.os"),
                Arbitraries.of("a", "b", "10", "9.5", "linux")).ofMaxSize(3);
        Arbitrary<Set<String>> groups = Arbitraries.of("service:web", "service:db", "a").set().ofMaxSize(2);
        return Combinators.combine(attributes, groups).as(Instance::new);
    }

    @Provide
    Arbitrary<Subject> subjects() {
        return Arbitraries.oneOf(Arbitraries.of("zone", "type", "berth.os", "x/y-z_1").map(Subject.Attribute::new),
                Arbitraries.just(new Subject.TaskGroup()));
    }

    @Provide
    Arbitrary<List<String>> values() {
        return value().list().ofMinSize(1).ofMaxSize(3);
    }

    /** Values as users write them, including ones that must be quoted to survive. */
    private Arbitrary<String> value() {
        return Arbitraries.oneOf(Arbitraries.of("a", "b", "10", "9.5", "linux", "service:web", "t2.*", "and", "not",
                        "in", "a b", "x,y", "(p)", "it's", "say \"hi\""),
                Arbitraries.strings().withChars("abz09.-:_").ofMinLength(1).ofMaxLength(6));
    }

    /** Bounds the '(' and 'not' nesting of the printed text: each of those stands for one level of the tree. */
    private static int depth(Expression e) {
        return switch (e) {
            case Expression.Not n -> 1 + depth(n.operand());
            case Expression.And a -> 1 + Math.max(depth(a.left()), depth(a.right()));
            case Expression.Or o -> 1 + Math.max(depth(o.left()), depth(o.right()));
            default -> 0;
        };
    }

    @Provide
    Arbitrary<Expression> expressions() {
        return Arbitraries.lazyOf(this::condition, this::condition, this::condition,
                () -> expressions().map(Expression.Not::new),
                () -> Combinators.combine(expressions(), expressions()).as(Expression.And::new),
                () -> Combinators.combine(expressions(), expressions()).as(Expression.Or::new));
    }

    private Arbitrary<Expression> condition() {
        Arbitrary<Subject> attribute = Arbitraries.of("zone", "type", "berth.os").map(Subject.Attribute::new);
        return Arbitraries.oneOf(
                Combinators.combine(subjects(), Arbitraries.of(Expression.Operator.EQ, Expression.Operator.NE), value())
                        .as(Expression.Comparison::new),
                Combinators.combine(attribute, Arbitraries.of(Expression.Operator.values()), value())
                        .as(Expression.Comparison::new),
                Combinators.combine(subjects(), values(), Arbitraries.of(true, false)).as(Expression.In::new),
                Combinators.combine(subjects(), Arbitraries.of("a.*", "service:.*", "[0-9]+"), Arbitraries.of(true, false))
                        .as((s, r, n) -> new Expression.Matches(s, Pattern.compile(r), n)),
                Combinators.combine(subjects(), Arbitraries.of(true, false)).as(Expression.Exists::new));
    }
}
