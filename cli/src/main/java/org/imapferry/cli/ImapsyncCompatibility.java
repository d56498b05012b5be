package org.imapferry.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * imapsync options that imapferry does not take, each with the reason, and harmless ones that it
 * accepts and ignores so that imapsync command lines keep working. They are hidden from --help;
 * using an unsupported one fails with {@link ExitCode#USAGE} and says why.
 */
public final class ImapsyncCompatibility {
    /** An imapsync option imapferry deliberately lacks. */
    public record Unsupported(String name, boolean takesValue, String reason) {
    }

    static final String ALTERS = "imapferry never alters a message: what arrives on host2 is byte for byte "
            + "what was on host1";

    public static final List<Unsupported> UNSUPPORTED = List.of(
            new Unsupported("--regexmess", true, ALTERS),
            new Unsupported("--pipemess", true, ALTERS),
            new Unsupported("--disarmreadreceipts", false, ALTERS),
            new Unsupported("--truncmess", true, ALTERS + "; use --maxsize to skip big messages"),
            new Unsupported("--maxlinelength", true, ALTERS),
            new Unsupported("--maxlinelengthcmd", true, ALTERS),
            new Unsupported("--addheader", false, ALTERS + "; messages without a Message-ID are identified "
                    + "and copied anyway"),
            new Unsupported("--skipmess", true, "imapferry does not read message bodies to select them; use "
                    + "--search, --maxsize, --minage or --maxage"),
            new Unsupported("--useuid", false, "replaced by --state FILE, which pairs UIDs exactly and "
                    + "checks UIDVALIDITY"),
            new Unsupported("--usecache", false, "replaced by --state FILE, which pairs UIDs exactly and "
                    + "checks UIDVALIDITY"),
            new Unsupported("--tmpdir", true, "the cache it located is replaced by --state FILE"),
            new Unsupported("--sslargs1", true, "use --sslcafile1 (a PEM file to trust) or --insecure1"),
            new Unsupported("--sslargs2", true, "use --sslcafile2 (a PEM file to trust) or --insecure2"),
            new Unsupported("--showpasswords", false, "imapferry never prints a password"),
            new Unsupported("--syncduplicates", false, "imapferry copies same-key messages by default: "
                    + "a message is never dropped because it looks like another"),
            new Unsupported("--delete2duplicates", false, "imapferry never deletes a message because it "
                    + "looks like another"));

    /** Accepted and ignored: they tune things imapferry does differently or not at all. */
    public static final List<String> IGNORED = List.of("--noreleasecheck", "--releasecheck", "--nofoldersizes",
            "--nofoldersizesatend", "--foldersizes", "--foldersizesatend", "--noerrorsdump", "--errorsdump",
            "--subscribe", "--nosubscribe", "--noid", "--keepalive1", "--keepalive2");

    private final List<String> used = new ArrayList<>();

    /** Adds the hidden options to a command. */
    public void register(CommandSpec spec) {
        for (Unsupported u : UNSUPPORTED) {
            spec.addOption(OptionSpec.builder(u.name())
                    .arity(u.takesValue() ? "1" : "0")
                    .type(u.takesValue() ? String.class : boolean.class)
                    .hidden(true)
                    .setter(recorder(u.name()))
                    .build());
        }
        for (String name : IGNORED) {
            spec.addOption(OptionSpec.builder(name).arity("0").type(boolean.class).hidden(true)
                    .setter(ignore()).build());
        }
    }

    private ISetter recorder(String name) {
        return new ISetter() {
            @Override
            public <T> T set(T value) {
                // picocli also calls setters to apply initial values (null, false): those are not uses
                if (value != null && !Boolean.FALSE.equals(value) && !used.contains(name)) {
                    used.add(name);
                }
                return null;
            }
        };
    }

    private static ISetter ignore() {
        return new ISetter() {
            @Override
            public <T> T set(T value) {
                return null;
            }
        };
    }

    /** Fails when an unsupported option was used, naming it and saying why. */
    public void check() {
        if (used.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder();
        for (String name : used) {
            String reason = UNSUPPORTED.stream().filter(u -> u.name().equals(name)).findFirst()
                    .map(Unsupported::reason).orElse("");
            if (message.length() > 0) {
                message.append(System.lineSeparator());
            }
            message.append("imapsync's ").append(name).append(" is not supported by imapferry: ").append(reason)
                    .append('.');
        }
        throw UserError.usage(message.toString());
    }
}
