package io.berth.reconciler.scheduler.query;

/** Writes a value so that the parser reads it back as the same value. */
final class Quoting {

    private static final String SPECIAL = "()[],=!<>'\" \t";

    private Quoting() {
    }

    static String value(String v) {
        boolean plain = !v.isEmpty() && !QueryParser.isKeyword(v);
        for (int i = 0; plain && i < v.length(); i++) {
            plain = SPECIAL.indexOf(v.charAt(i)) < 0 && !Character.isWhitespace(v.charAt(i));
        }
        if (plain) {
            return v;
        }
        return v.indexOf('\'') < 0 ? "'" + v + "'" : "\"" + v + "\"";
    }
}
