package org.imapferry.engine.folder;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Perl-style {@code s/from/to/flags} rule, as imapsync's {@code --regextrans2} and
 * {@code --regexflag} take it. Any non-alphanumeric delimiter works ({@code s,a,b,},
 * {@code s|a|b|}), and so do Perl's bracketing pairs ({@code s{a}{b}}, {@code s[a][b]},
 * {@code s(a)(b)}, {@code s<a><b>}); a backslash escapes the delimiter. Flags: {@code g} (all
 * matches), {@code i} (case-insensitive), {@code x}, {@code m}, {@code s}. In the replacement,
 * {@code $1}, {@code ${1}} and {@code \1} refer to a group, {@code $&} to the whole match, and a
 * backslash makes the next character literal; everything else is literal text.
 */
public record SubstitutionRule(String source, Pattern pattern, List<Part> replacement, boolean global) {

    /** A piece of the replacement. */
    public sealed interface Part permits Text, Group {}

    /** Literal text. */
    public record Text(String text) implements Part {}

    /** The text a group matched (0: the whole match); empty when the group did not take part. */
    public record Group(int number) implements Part {}

    private static final String BRACKETS = "{}[]()<>";

    public SubstitutionRule {
        replacement = List.copyOf(replacement);
    }

    /** @throws IllegalArgumentException saying what is wrong with the rule */
    public static SubstitutionRule parse(String rule) {
        if (rule == null || rule.length() < 4 || rule.charAt(0) != 's') {
            throw new IllegalArgumentException("'" + rule + "' is not of the form s/from/to/ (flags g, i allowed)");
        }
        Scanner scanner = new Scanner(rule, 1);
        String from = scanner.delimited(true);
        if (isBracket(rule.charAt(1))) {
            // perlop: with bracketing quotes the replacement has its own pair, and blanks may come between.
            while (scanner.at < rule.length() && Character.isWhitespace(rule.charAt(scanner.at))) {
                scanner.at++;
            }
        } else {
            scanner.at--; // the delimiter that closed the pattern opens the replacement
        }
        String to = scanner.delimited(false);
        int patternFlags = 0;
        boolean global = false;
        for (char f : rule.substring(scanner.at).toCharArray()) {
            switch (f) {
                case 'g' -> global = true;
                case 'i' -> patternFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'x' -> patternFlags |= Pattern.COMMENTS;
                case 'm' -> patternFlags |= Pattern.MULTILINE;
                case 's' -> patternFlags |= Pattern.DOTALL;
                default ->
                    throw new IllegalArgumentException(
                            "'" + rule + "': unknown flag '" + f + "' (g, i, x, m, s are known)");
            }
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(from, patternFlags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "'" + rule + "': bad regular expression: " + e.getDescription() + " near index " + e.getIndex(), e);
        }
        List<Part> parts = replacement(rule, to);
        int groups = pattern.matcher("").groupCount();
        for (Part p : parts) {
            if (p instanceof Group g && g.number() > groups) {
                throw new IllegalArgumentException("'" + rule + "': bad replacement: it refers to group "
                        + g.number() + " but the pattern has "
                        + (groups == 0 ? "no group" : groups == 1 ? "one group" : groups + " groups"));
            }
        }
        return new SubstitutionRule(rule, pattern, parts, global);
    }

    /** Reads the delimited parts of a rule, Perl's way. */
    private static final class Scanner {
        private final String rule;
        int at;

        Scanner(String rule, int at) {
            this.rule = rule;
            this.at = at;
        }

        /** The text between the delimiter at {@link #at} and its closing one; an escaped delimiter is kept. */
        String delimited(boolean pattern) {
            if (at >= rule.length()) {
                throw missing(pattern ? "the pattern" : "the replacement");
            }
            char open = rule.charAt(at);
            if (Character.isLetterOrDigit(open) || Character.isWhitespace(open) || open == '\\') {
                throw new IllegalArgumentException(
                        "'" + rule + "': '" + open + "' cannot be a delimiter; use s/from/to/");
            }
            char close = isBracket(open) ? BRACKETS.charAt(BRACKETS.indexOf(open) + 1) : open;
            int depth = 0;
            StringBuilder text = new StringBuilder();
            for (at++; at < rule.length(); at++) {
                char c = rule.charAt(at);
                if (c == '\\' && at + 1 < rule.length()) {
                    char d = rule.charAt(++at);
                    if (d == close || d == open) {
                        // An escaped delimiter is that character, literally ("\|" stays a literal | in a regex).
                        text.append(pattern ? "\\" + d : String.valueOf(d));
                    } else {
                        text.append(c).append(d); // any other escape is the regex's or the replacement's
                    }
                } else if (c == close && depth == 0) {
                    at++;
                    return text.toString();
                } else {
                    if (open != close) {
                        depth += c == open ? 1 : c == close ? -1 : 0;
                    }
                    text.append(c);
                }
            }
            throw missing("a closing '" + close + "'");
        }

        private IllegalArgumentException missing(String what) {
            return new IllegalArgumentException(
                    "'" + rule + "' is not of the form s/from/to/: " + what + " is missing");
        }
    }

    private static boolean isBracket(char c) {
        return BRACKETS.indexOf(c) >= 0 && BRACKETS.indexOf(c) % 2 == 0;
    }

    /** Perl's replacement text: $1, ${1}, \1 and $&amp; are groups; a backslash quotes the next character. */
    private static List<Part> replacement(String rule, String to) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < to.length(); i++) {
            char c = to.charAt(i);
            int group = -1;
            int next = i + 1;
            if (c == '\\' && next < to.length()) {
                if (Character.isDigit(to.charAt(next))) {
                    group = to.charAt(next) - '0';
                    next++;
                } else {
                    text.append(to.charAt(next));
                    i = next;
                    continue;
                }
            } else if (c == '$' && next < to.length()) {
                char d = to.charAt(next);
                if (d == '&') {
                    group = 0;
                    next++;
                } else if (Character.isDigit(d)) {
                    int end = next;
                    while (end < to.length() && Character.isDigit(to.charAt(end))) {
                        end++;
                    }
                    group = Integer.parseInt(to.substring(next, end));
                    next = end;
                } else if (d == '{') {
                    int end = to.indexOf('}', next);
                    String inside = end < 0 ? "" : to.substring(next + 1, end);
                    if (!inside.matches("\\d+")) {
                        throw new IllegalArgumentException("'" + rule + "': bad replacement: ${" + inside
                                + "...: only group numbers such as ${1} are known");
                    }
                    group = Integer.parseInt(inside);
                    next = end + 1;
                }
            }
            if (group < 0) {
                text.append(c);
                continue;
            }
            if (text.length() > 0) {
                parts.add(new Text(text.toString()));
                text.setLength(0);
            }
            parts.add(new Group(group));
            i = next - 1;
        }
        if (text.length() > 0) {
            parts.add(new Text(text.toString()));
        }
        return parts;
    }

    /** Applies the rule to one name. */
    public String apply(String input) {
        Matcher m = pattern.matcher(input);
        return global ? m.replaceAll(this::expand) : m.replaceFirst(this::expand);
    }

    private String expand(MatchResult match) {
        StringBuilder b = new StringBuilder();
        for (Part p : replacement) {
            if (p instanceof Text t) {
                b.append(t.text());
            } else if (p instanceof Group g && match.group(g.number()) != null) {
                b.append(match.group(g.number()));
            }
        }
        // The function's result is itself read as a replacement string: quote it.
        return Matcher.quoteReplacement(b.toString());
    }

    @Override
    public String toString() {
        return source;
    }
}
