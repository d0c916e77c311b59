package io.berth.reconciler.scheduler.query;

/**
 * One lexical unit of a cluster query.
 *
 * @param column 1-based column where it starts
 * @param text   the characters as written (unquoted for quoted strings)
 * @param quoted a quoted string: never a keyword, may hold any character
 */
record Token(Kind kind, String text, int column, boolean quoted) {

    enum Kind { WORD, OPERATOR, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, END }

    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && !quoted && text.equals(keyword);
    }

    String describe() {
        return switch (kind) {
            case END -> "the end of the expression";
            case WORD -> quoted ? "\"" + text + "\"" : "'" + text + "'";
            default -> "'" + text + "'";
        };
    }
}
