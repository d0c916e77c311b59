package io.berth.reconciler.scheduler.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cluster query into tokens. Words run until whitespace or one of {@code ( ) [ ] , = ! < >}, so
 * ECS's unquoted values ({@code t2.*}, {@code service:web}, {@code us-east-1a}) need no quotes; a value holding
 * one of those characters is quoted with ' or ".
 */
final class Lexer {

    private static final String OPERATOR_START = "=!<>";
    private static final String SINGLE = "()[],";

    private Lexer() {
    }

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (SINGLE.indexOf(c) >= 0) {
                tokens.add(new Token(single(c), String.valueOf(c), column, false));
                i++;
            } else if (c == '!' && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1))) {
                int start = i++; // ECS's !exists and !in: one word
                while (i < text.length() && Character.isLetter(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.WORD, text.substring(start, i), column, false));
            } else if (OPERATOR_START.indexOf(c) >= 0) {
                String op = operatorAt(text, i);
                if (op == null) {
                    throw new QuerySyntaxException(column, "unknown operator '" + c + "' (operators: ==, !=, =~, !~, >, >=, <, <=)");
                }
                tokens.add(new Token(Token.Kind.OPERATOR, op, column, false));
                i += op.length();
            } else if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new QuerySyntaxException(column, "unterminated string: no closing " + c);
                }
                tokens.add(new Token(Token.Kind.WORD, text.substring(i + 1, end), column, true));
                i = end + 1;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && SINGLE.indexOf(text.charAt(i)) < 0 && OPERATOR_START.indexOf(text.charAt(i)) < 0
                        && text.charAt(i) != '\'' && text.charAt(i) != '"') {
                    i++;
                }
                tokens.add(new Token(Token.Kind.WORD, text.substring(start, i), column, false));
            }
        }
        tokens.add(new Token(Token.Kind.END, "", text.length() + 1, false));
        return tokens;
    }

    private static Token.Kind single(char c) {
        return switch (c) {
            case '(' -> Token.Kind.LPAREN;
            case ')' -> Token.Kind.RPAREN;
            case '[' -> Token.Kind.LBRACKET;
            case ']' -> Token.Kind.RBRACKET;
            default -> Token.Kind.COMMA;
        };
    }

    /** The longest operator at {@code i}, or null. */
    private static String operatorAt(String text, int i) {
        for (String op : new String[]{"==", "!=", "=~", "!~", ">=", "<=", ">", "<"}) {
            if (text.startsWith(op, i)) {
                return op;
            }
        }
        return null;
    }
}
