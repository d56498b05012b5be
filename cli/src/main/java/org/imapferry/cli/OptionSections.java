package org.imapferry.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The option list of --help, grouped by mixin. The options live in mixins, not argument groups, so
 * that a repeated option simply wins, as in imapsync. host1's and host2's options are the same
 * but for the suffix, so they are shown once, as {@code --host1/2}.
 */
final class OptionSections {
    /** Mixin name -> heading, in order; host2's options are shown with host1's. */
    static final Map<String, String> HEADINGS = headings();

    /** The accounts' options in the order a user fills them in. */
    private static final List<String> ACCOUNT_ORDER = List.of(
            "host",
            "port",
            "user",
            "password",
            "passfile",
            "ssl",
            "tls",
            "authmech",
            "authmd5",
            "authuser",
            "oauthaccesstoken",
            "sslcafile",
            "insecure",
            "timeout",
            "debugimap",
            "compress");

    private OptionSections() {}

    private static Map<String, String> headings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("host1", "Accounts (suffix 1: host1, the source; suffix 2: host2, the target):");
        m.put("both", "Both accounts at once:");
        m.put("folders", "Folder selection and mapping:");
        m.put("messages", "Messages:");
        m.put("modes", "Modes and logging:");
        m.put("pace", "Pace:");
        m.put("presets", "Provider presets (what imapsync's set):");
        m.put("run", "imapferry's own options:");
        return Collections.unmodifiableMap(m);
    }

    static String render(Help help) {
        CommandSpec spec = help.commandSpec();
        StringBuilder b = new StringBuilder();
        Set<OptionSpec> shown = new HashSet<>();
        CommandSpec host2 = spec.mixins().get("host2");
        if (host2 != null) {
            shown.addAll(host2.options());
        }
        for (Map.Entry<String, String> section : HEADINGS.entrySet()) {
            CommandSpec mixin = spec.mixins().get(section.getKey());
            if (mixin == null) {
                continue;
            }
            List<OptionSpec> options = mixin.options();
            if (section.getKey().equals("host1")) {
                shown.addAll(options);
                CommandSpec display = CommandSpec.create(); // the renderer needs a command
                options = options.stream()
                        .sorted(Comparator.comparingInt(OptionSections::accountRank))
                        .map(o -> bothSuffixes(display, o))
                        .toList();
            }
            b.append(String.format("%n%s%n", section.getValue()));
            b.append(layout(help, options, shown));
        }
        List<OptionSpec> rest =
                spec.options().stream().filter(o -> !shown.contains(o)).toList();
        b.append(String.format("%nGeneral:%n")).append(layout(help, rest, shown));
        return b.toString();
    }

    private static int accountRank(OptionSpec o) {
        String stem = o.longestName().replaceAll("^-+|1$", "");
        int rank = ACCOUNT_ORDER.indexOf(stem);
        return rank < 0 ? ACCOUNT_ORDER.size() : rank;
    }

    /** host1's option as it reads for both accounts: --host1 becomes --host1/2. */
    private static OptionSpec bothSuffixes(CommandSpec display, OptionSpec o) {
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
            // picocli's --[no-]X needs X to be a plain name, so the suffix goes on after it
            String name =
                    o.negatable() ? o.command().negatableOptionTransformer().makeSynopsis(n, o.command()) : n;
            names.add(name.endsWith("1") ? name + "/2" : name);
        }
        OptionSpec both = OptionSpec.builder(names.toArray(String[]::new))
                .paramLabel(o.paramLabel())
                .arity(o.arity())
                .type(o.type())
                .description(o.description())
                .build();
        display.addOption(both);
        return both;
    }

    private static String layout(Help help, List<OptionSpec> options, Set<OptionSpec> shown) {
        Help.Layout layout = help.createDefaultLayout();
        for (OptionSpec o : options) {
            if (!o.hidden()) {
                layout.addOption(o, help.createDefaultParamLabelRenderer());
            }
            shown.add(o);
        }
        return layout.toString();
    }
}
