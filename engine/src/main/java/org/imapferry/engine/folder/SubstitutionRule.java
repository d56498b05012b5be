package org.imapferry.engine.folder;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Perl-style {@code s/from/to/flags} rule, as imapsync's {@code --regextrans2} and
 * {@code --regexflag} take it. Any non-alphanumeric delimiter works ({@code s,a,b,},
 * {@code s|a|b|}); a backslash escapes the delimiter. Flags: {@code g} (all matches),
 * {@code i} (case-insensitive), {@code x}, {@code m}, {@code s}. Perl's {@code $1} (or
 * {@code \1}) in the replacement is a group reference.
 */
public record SubstitutionRule(String source, Pattern pattern, String replacement, boolean global) {

    /** @throws IllegalArgumentException saying what is wrong with the rule */
    public static SubstitutionRule parse(String rule) {
        if (rule == null || rule.length() < 4 || rule.charAt(0) != 's') {
            throw new IllegalArgumentException("'" + rule + "' is not of the form s/from/to/ (flags g, i allowed)");
        }
        char delim = rule.charAt(1);
        if (Character.isLetterOrDigit(delim) || Character.isWhitespace(delim) || delim == '\\') {
            throw new IllegalArgumentException("'" + rule + "': '" + delim + "' cannot be a delimiter; use s/from/to/");
        }
        StringBuilder[] parts = {new StringBuilder(), new StringBuilder()};
        int part = 0;
        int i = 2;
        for (; i < rule.length() && part < 2; i++) {
            char c = rule.charAt(i);
            if (c == '\\' && i + 1 < rule.length() && rule.charAt(i + 1) == delim) {
                // An escaped delimiter is that character, literally ("\|" stays a literal | in the regex).
                parts[part].append(part == 0 ? "\\" + delim : String.valueOf(delim));
                i++;
            } else if (c == delim) {
                part++;
            } else {
                parts[part].append(c);
            }
        }
        if (part < 2) {
            throw new IllegalArgumentException("'" + rule + "' is not of the form s/from/to/: a '" + delim
                    + "' is missing");
        }
        int patternFlags = 0;
        boolean global = false;
        for (char f : rule.substring(i).toCharArray()) {
            switch (f) {
                case 'g' -> global = true;
                case 'i' -> patternFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'x' -> patternFlags |= Pattern.COMMENTS;
                case 'm' -> patternFlags |= Pattern.MULTILINE;
                case 's' -> patternFlags |= Pattern.DOTALL;
                default -> throw new IllegalArgumentException("'" + rule + "': unknown flag '" + f
                        + "' (g, i, x, m, s are known)");
            }
        }
        try {
            String replacement = parts[1].toString().replaceAll("\\\\(\\d)", "\\$$1");
            return new SubstitutionRule(rule, Pattern.compile(parts[0].toString(), patternFlags), replacement, global);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + rule + "': bad regular expression: " + e.getDescription()
                    + " near index " + e.getIndex(), e);
        }
    }

    /** Applies the rule to one name; a replacement naming a missing group is an IllegalArgumentException. */
    public String apply(String input) {
        Matcher m = pattern.matcher(input);
        try {
            return global ? m.replaceAll(replacement) : m.replaceFirst(replacement);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + source + "': bad replacement: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
