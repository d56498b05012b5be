package org.imapferry.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Stack;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Rewrites an imapsync command line onto the option names of the command model before picocli
 * reads it. imapsync parses with Getopt::Long's default configuration, so its users write
 * {@code -host1} as well as {@code --host1}, any letter case, {@code --opt=value}, a unique prefix
 * of a name ({@code --exclu}), {@code --noX} or {@code --no-X} to negate a boolean, and numbers
 * with underscores ({@code 10_000_000}); {@code --} ends the options. picocli's own case and
 * abbreviation modes split names at hyphens and capitals, which is not Getopt::Long's rule, and it
 * reads {@code -host1} as the cluster {@code -h -o -s -t}, so the rewriting is done here.
 */
final class ImapsyncArguments implements IParameterPreprocessor {
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9][0-9_]*(\\.[0-9_]*)?");

    /** One spelling an option can be reached by: the name picocli knows and its option. */
    record Spelling(String name, OptionSpec option) {}

    @Override
    public boolean preprocess(Stack<String> args, CommandSpec spec, ArgSpec argSpec, Map<String, Object> info) {
        if (argSpec != null) {
            return false;
        }
        List<String> given = new ArrayList<>(args);
        Collections.reverse(given); // a Stack's top is the first argument
        List<String> normalized = normalize(spec, given);
        args.clear();
        for (int i = normalized.size() - 1; i >= 0; i--) {
            args.push(normalized.get(i));
        }
        return false;
    }

    /**
     * The arguments with every option name replaced by the model's; a name the model does not
     * know is left alone, for picocli to report with its suggestions.
     *
     * @throws CommandLine.ParameterException when a prefix is the start of several options
     */
    static List<String> normalize(CommandSpec spec, List<String> args) {
        Map<String, List<Spelling>> spellings = spellings(spec);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--") || spec.subcommands().containsKey(a)) {
                out.addAll(args.subList(i, args.size())); // a subcommand rewrites its own arguments
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                out.add(a);
                continue;
            }
            String body = a.startsWith("--") ? a.substring(2) : a.substring(1);
            int eq = body.indexOf('=');
            String value = eq < 0 ? null : body.substring(eq + 1);
            Spelling s = resolve(spec, spellings, eq < 0 ? body : body.substring(0, eq));
            if (s == null) {
                out.add(a);
                continue;
            }
            boolean takesValue = s.option().arity().max() > 0;
            if (value != null) {
                out.add(s.name() + "=" + number(s.option(), value));
            } else {
                out.add(s.name());
                if (takesValue && i + 1 < args.size()) {
                    out.add(number(s.option(), args.get(++i)));
                }
            }
        }
        return out;
    }

    /** Getopt::Long's lookup: the exact name, then the name in any case, then a unique prefix. */
    static Spelling resolve(CommandSpec spec, Map<String, List<Spelling>> spellings, String name) {
        for (List<Spelling> candidates : spellings.values()) {
            for (Spelling s : candidates) {
                if (bare(s.name()).equals(name)) {
                    return s;
                }
            }
        }
        String key = name.toLowerCase(Locale.ROOT);
        List<Spelling> exact = spellings.get(key);
        if (exact != null) {
            return exact.get(0);
        }
        Map<OptionSpec, Spelling> matches = new LinkedHashMap<>();
        for (Map.Entry<String, List<Spelling>> e : spellings.entrySet()) {
            if (!key.isEmpty() && e.getKey().startsWith(key)) {
                for (Spelling s : e.getValue()) {
                    matches.putIfAbsent(s.option(), s);
                }
            }
        }
        if (matches.size() > 1) {
            Set<String> names = new LinkedHashSet<>();
            matches.values().forEach(s -> names.add(s.name()));
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "option -" + (name.length() > 1 ? "-" : "")
                            + name + " is ambiguous: it is the start of " + String.join(", ", names)
                            + "; write more of the name");
        }
        return matches.isEmpty() ? null : matches.values().iterator().next();
    }

    /** Lower-case name without dashes -> the spellings it stands for; Getopt::Long's "no-X" for "noX" too. */
    static Map<String, List<Spelling>> spellings(CommandSpec spec) {
        Map<String, List<Spelling>> map = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            for (String name : o.names()) {
                addName(map, name, o);
                if (o.negatable()) {
                    // picocli knows "--no-X" of a negatable "--X" without listing it among the names
                    addName(map, spec.negatableOptionTransformer().makeNegative(name, spec), o);
                }
            }
        }
        return map;
    }

    private static void addName(Map<String, List<Spelling>> map, String name, OptionSpec o) {
        String key = bare(name).toLowerCase(Locale.ROOT);
        add(map, key, new Spelling(name, o));
        if (key.startsWith("no-")) {
            add(map, "no" + key.substring(3), new Spelling(name, o));
        } else if (key.startsWith("no") && key.length() > 2) {
            add(map, "no-" + key.substring(2), new Spelling(name, o));
        }
    }

    private static void add(Map<String, List<Spelling>> map, String key, Spelling s) {
        List<Spelling> list = map.computeIfAbsent(key, k -> new ArrayList<>());
        if (list.stream().noneMatch(x -> x.name().equals(s.name()))) {
            list.add(s);
        }
    }

    private static String bare(String name) {
        return name.startsWith("--") ? name.substring(2) : name.startsWith("-") ? name.substring(1) : name;
    }

    /** Perl's numeric literals may group digits with underscores: 10_000_000. */
    private static String number(OptionSpec option, String value) {
        Class<?> t = option.type();
        boolean numeric = Number.class.isAssignableFrom(t) || (t.isPrimitive() && t != boolean.class);
        return numeric && NUMBER.matcher(value).matches() ? value.replace("_", "") : value;
    }
}
