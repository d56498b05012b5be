package org.imapferry.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Perl-style {@code s/from/to/flags} rule, as imapsync's {@code --regextrans2} and
 * {@code --regexflag} take it. Any non-alphanumeric delimiter works ({@code s,a,b,},
 * {@code s|a|b|}); a backslash escapes the delimiter. Flags: {@code g} (all matches),
 * {@code i} (case-insensitive), {@code x}, {@code m}, {@code s}. Perl's {@code $1} in the
 * replacement is Java's {@code $1} too.
 */
public record Substitution(String source, Pattern pattern, String replacement, boolean global) {

    public static Substitution parse(String option, String rule) {
        if (rule == null || rule.length() < 4 || rule.charAt(0) != 's') {
            throw UserError.usage(option + " '" + rule + "' is not of the form s/from/to/ (flags g, i allowed)");
        }
        char delim = rule.charAt(1);
        if (Character.isLetterOrDigit(delim) || Character.isWhitespace(delim) || delim == '\\') {
            throw UserError.usage(option + " '" + rule + "': '" + delim + "' cannot be a delimiter; use s/from/to/");
        }
        StringBuilder[] parts = {new StringBuilder(), new StringBuilder()};
        int part = 0;
        int i = 2;
        for (; i < rule.length() && part < 2; i++) {
            char c = rule.charAt(i);
            if (c == '\\' && i + 1 < rule.length() && rule.charAt(i + 1) == delim) {
                // an escaped delimiter is that character, literally ("\\|" stays a literal | in the regex)
                parts[part].append(part == 0 ? "\\" + delim : String.valueOf(delim));
                i++;
            } else if (c == delim) {
                part++;
            } else {
                parts[part].append(c);
            }
        }
        if (part < 2) {
            throw UserError.usage(option + " '" + rule + "' is not of the form s/from/to/: a '" + delim
                    + "' is missing");
        }
        String flags = rule.substring(i);
        int patternFlags = 0;
        boolean global = false;
        for (char f : flags.toCharArray()) {
            switch (f) {
                case 'g' -> global = true;
                case 'i' -> patternFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'x' -> patternFlags |= Pattern.COMMENTS;
                case 'm' -> patternFlags |= Pattern.MULTILINE;
                case 's' -> patternFlags |= Pattern.DOTALL;
                default -> throw UserError.usage(option + " '" + rule + "': unknown flag '" + f
                        + "' (g, i, x, m, s are known)");
            }
        }
        try {
            return new Substitution(rule, Pattern.compile(parts[0].toString(), patternFlags), parts[1].toString(),
                    global);
        } catch (PatternSyntaxException e) {
            throw UserError.usage(option + " '" + rule + "': bad regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    /** Applies the rule to one name. */
    public String apply(String input) {
        Matcher m = pattern.matcher(input);
        try {
            return global ? m.replaceAll(replacement) : m.replaceFirst(replacement);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw UserError.usage("'" + source + "': bad replacement: " + e.getMessage());
        }
    }

    /** Compiles a plain regex option (--include, --exclude) with a clear error. */
    public static Pattern regex(String option, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw UserError.usage(option + " '" + regex + "': bad regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }
}
