package io.berth.reconciler.scheduler.query;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import com.google.re2j.Pattern;

/**
 * The typed syntax tree of a cluster query (ECS's memberOf language). {@link #test} evaluates it against one
 * instance without allocating, since the scheduler asks it for every instance of a placement decision.
 *
 * <p>Absent attributes: {@code ==}, {@code in}, {@code =~}, {@code >} and friends are false, their negations
 * ({@code !=}, {@code not in}, {@code !~}) true — "zone != a" keeps instances that have no zone. For
 * {@code task:group} a condition holds when some task on the instance satisfies it, and a negated one when none does.
 */
public sealed interface Expression {

    boolean test(QueryContext instance);

    record And(Expression left, Expression right) implements Expression {
        @Override
        public boolean test(QueryContext instance) {
            return left.test(instance) && right.test(instance);
        }

        @Override
        public String toString() {
            return "(" + left + " and " + right + ")";
        }
    }

    record Or(Expression left, Expression right) implements Expression {
        @Override
        public boolean test(QueryContext instance) {
            return left.test(instance) || right.test(instance);
        }

        @Override
        public String toString() {
            return "(" + left + " or " + right + ")";
        }
    }

    record Not(Expression operand) implements Expression {
        @Override
        public boolean test(QueryContext instance) {
            return !operand.test(instance);
        }

        @Override
        public String toString() {
            return "not " + operand;
        }
    }

    enum Operator {
        EQ("=="), NE("!="), GT(">"), GE(">="), LT("<"), LE("<=");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        boolean ordering() {
            return this == GT || this == GE || this == LT || this == LE;
        }
    }

    /** {@code subject OP value}; ordering operators compare numbers as numbers, anything else as text. */
    record Comparison(Subject subject, Operator operator, String value) implements Expression {
        @Override
        public boolean test(QueryContext instance) {
            return switch (subject) {
                case Subject.Attribute a -> compare(instance.attribute(a.name()));
                case Subject.TaskGroup g -> operator == Operator.EQ ? contains(instance.taskGroups(), value)
                        : !contains(instance.taskGroups(), value);
            };
        }

        private boolean compare(String actual) {
            if (actual == null) {
                return operator == Operator.NE;
            }
            return switch (operator) {
                case EQ -> actual.equals(value);
                case NE -> !actual.equals(value);
                case GT -> order(actual) > 0;
                case GE -> order(actual) >= 0;
                case LT -> order(actual) < 0;
                case LE -> order(actual) <= 0;
            };
        }

        private int order(String actual) {
            BigDecimal a = number(actual);
            BigDecimal b = number(value);
            return a != null && b != null ? a.compareTo(b) : actual.compareTo(value);
        }

        private static BigDecimal number(String text) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return subject + " " + operator.symbol + " " + Quoting.value(value);
        }
    }

    /** {@code subject in [a, b]} or {@code subject not in [a, b]}. */
    record In(Subject subject, List<String> values, boolean negated) implements Expression {
        public In {
            values = List.copyOf(values);
        }

        @Override
        public boolean test(QueryContext instance) {
            boolean any = switch (subject) {
                case Subject.Attribute a -> {
                    String actual = instance.attribute(a.name());
                    yield actual != null && values.contains(actual);
                }
                case Subject.TaskGroup g -> {
                    boolean found = false;
                    for (String v : values) {
                        found |= contains(instance.taskGroups(), v);
                    }
                    yield found;
                }
            };
            return any != negated;
        }

        @Override
        public String toString() {
            return subject + (negated ? " not in [" : " in [")
                    + String.join(", ", values.stream().map(Quoting::value).toList()) + "]";
        }
    }

    /** {@code subject =~ regex} (whole value) or {@code !~}. */
    record Matches(Subject subject, Pattern pattern, boolean negated) implements Expression {
        @Override
        public boolean test(QueryContext instance) {
            boolean any = switch (subject) {
                case Subject.Attribute a -> {
                    String actual = instance.attribute(a.name());
                    yield actual != null && pattern.matcher(actual).matches();
                }
                case Subject.TaskGroup g -> {
                    boolean found = false;
                    for (String group : instance.taskGroups()) {
                        found |= pattern.matcher(group).matches();
                    }
                    yield found;
                }
            };
            return any != negated;
        }

        /** Patterns do not compare by value; the regex text does. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Matches m && m.subject.equals(subject) && m.negated == negated
                    && m.pattern.pattern().equals(pattern.pattern());
        }

        @Override
        public int hashCode() {
            return subject.hashCode() * 31 + pattern.pattern().hashCode() + (negated ? 1 : 0);
        }

        @Override
        public String toString() {
            return subject + (negated ? " !~ " : " =~ ") + Quoting.value(pattern.pattern());
        }
    }

    /** {@code subject exists} or {@code subject !exists}: the attribute is set / the instance runs any task. */
    record Exists(Subject subject, boolean negated) implements Expression {
        @Override
        public boolean test(QueryContext instance) {
            boolean present = switch (subject) {
                case Subject.Attribute a -> instance.attribute(a.name()) != null;
                case Subject.TaskGroup g -> !instance.taskGroups().isEmpty();
            };
            return present != negated;
        }

        @Override
        public String toString() {
            return subject + (negated ? " !exists" : " exists");
        }
    }

    private static boolean contains(Collection<String> groups, String group) {
        return groups.contains(group);
    }
}
