package io.berth.reconciler.scheduler.query;

import com.google.re2j.PatternSyntaxException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser of ECS's cluster query language:
 * <pre>
 * expression := or
 * or         := and ("or" and)*
 * and        := unary ("and" unary)*
 * unary      := "not" unary | "(" expression ")" | condition
 * condition  := subject ( ("==" | "!=" | ">" | ">=" | "<" | "<=") value
 *                       | ("=~" | "!~") value
 *                       | ("in" | "not in" | "not_in" | "!in") list
 *                       | "exists" | "!exists" | "not_exists" )
 * subject    := "attribute:" NAME | "task:group"
 * list       := "[" value ("," value)* "]"
 * </pre>
 * Errors carry the 1-based column of the token that went wrong.
 *
 * <p>Bounded, because an expression is user input evaluated under the cluster's placement lock: at most
 * {@link #MAX_LENGTH} characters (ECS's own limit for memberOf) and {@link #MAX_NESTING} levels of '(' and 'not', so
 * neither this parser nor the evaluation recurse without bound; regular expressions are RE2 (linear time in the
 * input, no backtracking), so no pattern can hold the lock for long.
 */
public final class QueryParser {

    /** ECS attribute names: letters, digits, '-', '_', '.', '/', at most 128. */
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_./-]{1,128}");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "not_in", "!in", "exists",
            "!exists", "not_exists");
    private static final String ATTRIBUTE_PREFIX = "attribute:";

    /** ECS's limit for a memberOf expression. */
    public static final int MAX_LENGTH = 2000;
    /** Levels of '(' and 'not' inside one another: far more than any real placement needs. */
    public static final int MAX_NESTING = 32;

    private final List<Token> tokens;
    private int position;
    private int nesting;

    private QueryParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** @throws QuerySyntaxException with the column of the problem */
    public static Expression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new QuerySyntaxException(1, "the expression is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new QuerySyntaxException(MAX_LENGTH + 1, "the expression is " + text.length()
                    + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        QueryParser parser = new QueryParser(Lexer.tokens(text));
        Expression e = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != Token.Kind.END) {
            throw new QuerySyntaxException(rest.column(), "expected 'and', 'or' or the end, got " + rest.describe());
        }
        return e;
    }

    /** Checks an attribute name as used by {@code spread attribute:NAME} too. */
    public static boolean isAttributeName(String name) {
        return ATTRIBUTE_NAME.matcher(name).matches();
    }

    static boolean isKeyword(String word) {
        return KEYWORDS.contains(word);
    }

    private Expression or() {
        Expression left = and();
        while (peek().isKeyword("or")) {
            next();
            left = new Expression.Or(left, and());
        }
        return left;
    }

    private Expression and() {
        Expression left = unary();
        while (peek().isKeyword("and")) {
            next();
            left = new Expression.And(left, unary());
        }
        return left;
    }

    private Expression unary() {
        Token t = peek();
        if (t.isKeyword("not") || t.kind() == Token.Kind.LPAREN) {
            if (++nesting > MAX_NESTING) {
                throw new QuerySyntaxException(t.column(), "more than " + MAX_NESTING
                        + " levels of '(' and 'not' inside one another");
            }
            try {
                next();
                if (t.isKeyword("not")) {
                    return new Expression.Not(unary());
                }
                Expression inner = or();
                expect(Token.Kind.RPAREN, "')' to close the '(' at column " + t.column());
                return inner;
            } finally {
                nesting--;
            }
        }
        return condition();
    }

    private Expression condition() {
        Token subjectToken = next();
        Subject subject = subject(subjectToken);
        Token op = next();
        if (op.kind() == Token.Kind.OPERATOR) {
            return switch (op.text()) {
                case "=~", "!~" -> new Expression.Matches(subject, regex(value()), op.text().equals("!~"));
                default -> comparison(subject, op);
            };
        }
        if (op.kind() == Token.Kind.WORD && !op.quoted()) {
            switch (op.text()) {
                case "in":
                    return new Expression.In(subject, list(), false);
                case "not_in", "!in":
                    return new Expression.In(subject, list(), true);
                case "not":
                    if (!peek().isKeyword("in")) {
                        throw new QuerySyntaxException(peek().column(), "expected 'in' after 'not', got " + peek().describe());
                    }
                    next();
                    return new Expression.In(subject, list(), true);
                case "exists":
                    return new Expression.Exists(subject, false);
                case "!exists", "not_exists":
                    return new Expression.Exists(subject, true);
                default:
                    break;
            }
        }
        throw new QuerySyntaxException(op.column(), "expected an operator (==, !=, >, >=, <, <=, =~, !~, in, not in, "
                + "exists, !exists) after " + subject + ", got " + op.describe());
    }

    private Expression comparison(Subject subject, Token op) {
        Expression.Operator operator = switch (op.text()) {
            case "==" -> Expression.Operator.EQ;
            case "!=" -> Expression.Operator.NE;
            case ">" -> Expression.Operator.GT;
            case ">=" -> Expression.Operator.GE;
            case "<" -> Expression.Operator.LT;
            default -> Expression.Operator.LE;
        };
        if (operator.ordering() && subject instanceof Subject.TaskGroup) {
            throw new QuerySyntaxException(op.column(), "task:group cannot be compared with " + op.text()
                    + " (use ==, !=, in, not in, =~, !~ or exists)");
        }
        return new Expression.Comparison(subject, operator, value().text());
    }

    private Subject subject(Token t) {
        if (t.kind() == Token.Kind.WORD && !t.quoted()) {
            if (t.text().equals("task:group")) {
                return new Subject.TaskGroup();
            }
            if (t.text().startsWith(ATTRIBUTE_PREFIX)) {
                String name = t.text().substring(ATTRIBUTE_PREFIX.length());
                if (!isAttributeName(name)) {
                    throw new QuerySyntaxException(t.column() + ATTRIBUTE_PREFIX.length(), "attribute names are 1-128 "
                            + "letters, digits, '-', '_', '.' or '/', got \"" + name + "\"");
                }
                return new Subject.Attribute(name);
            }
        }
        throw new QuerySyntaxException(t.column(), "expected attribute:NAME, task:group, 'not' or '(', got " + t.describe());
    }

    private Token value() {
        Token t = next();
        if (t.kind() != Token.Kind.WORD || (!t.quoted() && isKeyword(t.text()))) {
            throw new QuerySyntaxException(t.column(), "expected a value, got " + t.describe()
                    + (t.kind() == Token.Kind.WORD ? " (quote it to use it as a value)" : ""));
        }
        return t;
    }

    private List<String> list() {
        expect(Token.Kind.LBRACKET, "'[' to start a list of values");
        List<String> values = new ArrayList<>();
        values.add(value().text());
        while (peek().kind() == Token.Kind.COMMA) {
            next();
            values.add(value().text());
        }
        expect(Token.Kind.RBRACKET, "',' or ']'");
        return values;
    }

    private static com.google.re2j.Pattern regex(Token value) {
        try {
            return com.google.re2j.Pattern.compile(value.text());
        } catch (PatternSyntaxException e) {
            // RE2 has no back-references or look-around (they are what makes matching exponential); its message says
            // so. It reports no position: Java's parser (compiling only, never matching) finds it where it can.
            int column = value.column() + (value.quoted() ? 1 : 0) + Math.max(0, javaErrorIndex(value.text()));
            throw new QuerySyntaxException(column, "invalid regular expression (RE2 syntax): " + e.getDescription());
        }
    }

    private static int javaErrorIndex(String regex) {
        try {
            Pattern.compile(regex);
            return 0;
        } catch (java.util.regex.PatternSyntaxException e) {
            return e.getIndex();
        }
    }

    private void expect(Token.Kind kind, String what) {
        Token t = next();
        if (t.kind() != kind) {
            throw new QuerySyntaxException(t.column(), "expected " + what + ", got " + t.describe());
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token t = tokens.get(position);
        if (t.kind() != Token.Kind.END) {
            position++;
        }
        return t;
    }
}
