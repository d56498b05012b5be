package org.imapferry.engine.folder;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Perl-style substitution as imapsync's {@code --regextrans2} and {@code --regexflag} take it:
 * {@code s/from/to/flags}, any delimiter after the "s", flags {@code g} (every match) and
 * {@code i} (ignore case). {@code $1} and {@code \1} both refer to groups.
 */
public record SubstitutionRule(String source, Pattern pattern, String replacement, boolean global) {

    public static SubstitutionRule parse(String rule) {
        if (rule.length() < 4 || rule.charAt(0) != 's') {
            throw new IllegalArgumentException("not a substitution: " + rule + " (expected s/from/to/)");
        }
        char delimiter = rule.charAt(1);
        String[] parts = split(rule.substring(2), delimiter, rule);
        String flags = parts[2];
        int patternFlags = 0;
        boolean global = false;
        for (char f : flags.toCharArray()) {
            if (f == 'g') {
                global = true;
            } else if (f == 'i') {
                patternFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            } else {
                throw new IllegalArgumentException("unsupported flag '" + f + "' in " + rule + " (g and i are)");
            }
        }
        try {
            Pattern pattern = Pattern.compile(parts[0], patternFlags);
            String replacement = parts[1].replaceAll("\\\\(\\d)", "\\$$1");
            return new SubstitutionRule(rule, pattern, replacement, global);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regular expression in " + rule + ": " + e.getDescription(), e);
        }
    }

    private static String[] split(String body, char delimiter, String rule) {
        String[] parts = new String[3];
        StringBuilder current = new StringBuilder();
        int part = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == delimiter) {
                current.append(delimiter);
                i++;
            } else if (c == delimiter && part < 2) {
                parts[part++] = current.toString();
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (part != 2) {
            throw new IllegalArgumentException("incomplete substitution: " + rule + " (expected s/from/to/)");
        }
        parts[2] = current.toString();
        return parts;
    }

    public String apply(String input) {
        Matcher m = pattern.matcher(input);
        return global ? m.replaceAll(replacement) : m.replaceFirst(replacement);
    }

    @Override
    public String toString() {
        return source;
    }
}
