package org.imapferry.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * imapsync options that imapferry does not take, each with the reason, and those it accepts and
 * ignores (saying so in one line at the start of the run) so that imapsync command lines keep
 * working. They are hidden from --help; using a refused one fails with {@link ExitCode#USAGE} and
 * says why. An option is only ignored when ignoring it can neither alter a message nor remove more
 * than imapsync would; otherwise it is refused.
 */
public final class ImapsyncCompatibility {
    /** An imapsync option that is not in imapferry's own model. */
    public sealed interface Hidden permits Unsupported, Ignored {
        String name();

        boolean takesValue();

        String reason();
    }

    /** Refused: it would alter messages, or its meaning cannot be made safe here. */
    public record Unsupported(String name, boolean takesValue, String reason) implements Hidden {}

    /** Accepted and ignored: it tunes something imapferry does differently or not at all. */
    public record Ignored(String name, boolean takesValue, String reason) implements Hidden {}

    static final String ALTERS =
            "imapferry never alters a message: what arrives on host2 is byte for byte " + "what was on host1";
    static final String STATE = "replaced by --state FILE, which pairs UIDs exactly and checks UIDVALIDITY";
    static final String NEVER_ALTERS = "imapferry never alters a message anyway";
    static final String DEBUG = "imapferry has no such debug output; --debugimap1/2 traces the IMAP conversation";
    static final String SELF_TESTS = "imapsync's own test suite; imapferry's tests run with 'mvn verify'";
    static final String NO_ABORT = "imapferry does not stop other runs; stop a run with Ctrl-C, and a rerun "
            + "finishes the job from the state file";

    public static final List<Unsupported> UNSUPPORTED = List.of(
            new Unsupported("--regexmess", true, ALTERS),
            new Unsupported("--pipemess", true, ALTERS),
            new Unsupported("--disarmreadreceipts", false, ALTERS),
            new Unsupported("--truncmess", true, ALTERS + "; use --maxsize to skip big messages"),
            new Unsupported("--maxlinelength", true, ALTERS),
            new Unsupported("--maxlinelengthcmd", true, ALTERS),
            new Unsupported(
                    "--addheader",
                    false,
                    ALTERS + "; messages without a Message-ID are identified " + "and copied anyway"),
            new Unsupported(
                    "--skipmess",
                    true,
                    "imapferry does not read message bodies to select them; use "
                            + "--search, --maxsize, --minage or --maxage"),
            new Unsupported("--useuid", false, STATE),
            new Unsupported("--usecache", false, STATE),
            new Unsupported("--tmpdir", true, "the cache it located is replaced by --state FILE"),
            new Unsupported("--sslargs1", true, "use --sslcafile1 (a PEM file to trust) or --insecure1"),
            new Unsupported("--sslargs2", true, "use --sslcafile2 (a PEM file to trust) or --insecure2"),
            new Unsupported("--showpasswords", false, "imapferry never prints a password"),
            new Unsupported(
                    "--syncduplicates",
                    false,
                    "imapferry copies same-key messages by default: "
                            + "a message is never dropped because it looks like another"),
            new Unsupported(
                    "--delete2duplicates",
                    false,
                    "imapferry never deletes a message because it " + "looks like another"),
            new Unsupported(
                    "--delete2foldersonly",
                    true,
                    "imapferry's --delete2folders cannot be narrowed to "
                            + "some folders; without it no folder is deleted on host2"),
            new Unsupported(
                    "--delete2foldersbutnot",
                    true,
                    "imapferry's --delete2folders cannot be narrowed "
                            + "to some folders; without it no folder is deleted on host2"),
            new Unsupported(
                    "--dry1", false, "imapferry changes host1 only with --delete1 or --expunge1: " + "leave them out"),
            new Unsupported(
                    "--exitwhenover",
                    true,
                    "imapferry has no byte limit per run; spread the copy with "
                            + "--maxbytespersecond, or stop it and rerun: the state file resumes it"),
            new Unsupported("--justautomap", false, "use --automap --justfolders --dry to see the folder " + "mapping"),
            new Unsupported("--justfolderlists", false, "use --justfolders --dry to see the folder lists"),
            new Unsupported(
                    "--subfolder1",
                    true,
                    "imapferry cannot yet restore from a subfolder; use "
                            + "--folderrec X with --regextrans2 's,^X/,,' (with host1's separator)"),
            new Unsupported(
                    "--subfolder2",
                    true,
                    "imapferry cannot yet copy into a subfolder; use "
                            + "--regextrans2 's,^,X/,' (with host2's separator)"),
            new Unsupported(
                    "--idatefromheader",
                    false,
                    "imapferry keeps host1's INTERNALDATE; it does not " + "take the date from the Date: header"),
            new Unsupported(
                    "--messageidnodomain",
                    false,
                    "imapferry identifies messages by whole header " + "values; choose the headers with --useheader"),
            new Unsupported(
                    "--skipheader",
                    true,
                    "imapferry identifies messages by the headers named with " + "--useheader; choose those instead"),
            new Unsupported(
                    "--proxyauth1",
                    false,
                    "PROXYAUTH is not supported; use --authuser1 (an admin " + "login with SASL PLAIN)"),
            new Unsupported(
                    "--proxyauth2",
                    false,
                    "PROXYAUTH is not supported; use --authuser2 (an admin " + "login with SASL PLAIN)"),
            new Unsupported("--domain1", true, "NTLM is not supported; use --authmech1 PLAIN or LOGIN"),
            new Unsupported("--domain2", true, "NTLM is not supported; use --authmech2 PLAIN or LOGIN"),
            new Unsupported("--oauthdirect1", true, "give the token itself with --oauthaccesstoken1"),
            new Unsupported("--oauthdirect2", true, "give the token itself with --oauthaccesstoken2"),
            new Unsupported(
                    "--domino1",
                    false,
                    "imapferry has no Domino preset: its --messageidnodomain " + "identity is not supported"),
            new Unsupported(
                    "--domino2",
                    false,
                    "imapferry has no Domino preset: its --messageidnodomain " + "identity is not supported"),
            new Unsupported("--abort", false, NO_ABORT),
            new Unsupported("--abortbyfile", false, NO_ABORT),
            new Unsupported("--tests", false, SELF_TESTS),
            new Unsupported("--testsdebug", false, SELF_TESTS),
            new Unsupported("--tests_debug", false, SELF_TESTS),
            new Unsupported("--testsunit", true, SELF_TESTS),
            new Unsupported("--testslive", false, SELF_TESTS),
            new Unsupported("--testslive6", false, SELF_TESTS));

    public static final List<Ignored> IGNORED = Stream.of(
                    ignored("imapferry checks for no new release", "--releasecheck", "--noreleasecheck"),
                    ignored(
                            "imapferry lists the folders' sizes only with --justfoldersizes",
                            "--foldersizes",
                            "--nofoldersizes",
                            "--foldersizesatend",
                            "--nofoldersizesatend"),
                    ignored("imapferry lists every error in its report", "--errorsdump", "--noerrorsdump"),
                    ignored(
                            "imapferry subscribes a folder on host2 when it is subscribed on host1",
                            "--subscribe",
                            "--nosubscribe",
                            "--subscribeall",
                            "--nosubscribeall",
                            "--subscribe_all",
                            "--nosubscribe_all"),
                    ignored("imapferry sends its name and version with ID when the server offers it", "--id", "--noid"),
                    ignored(
                            "imapferry sends NOOP on idle connections itself",
                            "--keepalive1",
                            "--nokeepalive1",
                            "--keepalive2",
                            "--nokeepalive2"),
                    ignored(
                            "imapferry expunges host1 only after a folder's messages are on host2",
                            "--expungeaftereach",
                            "--noexpungeaftereach"),
                    ignored(
                            "imapferry copies a message into every folder that holds it on host1",
                            "--skipcrossduplicates",
                            "--noskipcrossduplicates",
                            "--debugcrossduplicates",
                            "--nodebugcrossduplicates"),
                    ignored("imapferry writes no pid file", "--pidfilelocking", "--nopidfilelocking"),
                    ignoredWithValue("imapferry writes no pid file", "--pidfile"),
                    ignoredWithValue(
                            "imapferry copies several folders at once, in no set order",
                            "--folderfirst",
                            "--folderlast"),
                    ignored("imapferry never deletes a folder on host1", "--delete1emptyfolders"),
                    ignored(
                            "imapferry expunges on host2 only what --delete2 removes there",
                            "--expunge2",
                            "--uidexpunge2"),
                    ignored(
                            "imapferry expunges on host2 only what --delete2 removes there; refused with --delete2",
                            "--noexpunge2",
                            "--nouidexpunge2"),
                    ignoredWithValue("imapferry's byte rate limit applies from the start", "--maxbytesafter"),
                    ignoredWithValue("imapferry waits as long as the rate limit needs", "--maxsleep"),
                    ignored(
                            "imapferry connects to the addresses the system's resolver gives",
                            "--inet4",
                            "--ipv4",
                            "--inet6",
                            "--ipv6"),
                    ignored(
                            "imapferry sets a message's flags in its APPEND",
                            "--syncflagsaftercopy",
                            "--nosyncflagsaftercopy"),
                    ignored(
                            "imapferry leaves out the keywords host2's PERMANENTFLAGS would not keep, and says so",
                            "--filterflags",
                            "--nofilterflags",
                            "--filterbuggyflags",
                            "--nofilterbuggyflags",
                            "--flagscase",
                            "--noflagscase"),
                    ignored(
                            "imapferry does not copy Gmail labels",
                            "--synclabels",
                            "--nosynclabels",
                            "--resynclabels",
                            "--noresynclabels",
                            "--debuglabels",
                            "--nodebuglabels"),
                    ignored("imapferry does not copy ACLs", "--syncacls", "--nosyncacls"),
                    ignored(
                            DEBUG,
                            "--debug",
                            "--nodebug",
                            "--debuglist",
                            "--nodebuglist",
                            "--debugcontent",
                            "--nodebugcontent",
                            "--debugflags",
                            "--nodebugflags",
                            "--debugdev",
                            "--nodebugdev",
                            "--debugmemory",
                            "--nodebugmemory",
                            "--debugfolders",
                            "--nodebugfolders",
                            "--debugcgi",
                            "--nodebugcgi",
                            "--debugenv",
                            "--nodebugenv",
                            "--debugsig",
                            "--nodebugsig",
                            "--debugcache",
                            "--nodebugcache",
                            "--debugmaxlinelength",
                            "--nodebugmaxlinelength"),
                    ignoredWithValue(DEBUG, "--debugssl", "--debugsleep", "--simulong"),
                    ignored(
                            "imapferry skips host1's folders that cannot hold messages (\\Noselect)",
                            "--checkselectable",
                            "--nocheckselectable"),
                    ignored(
                            "imapferry always says which --folder host1 lacks",
                            "--checkfoldersexist",
                            "--nocheckfoldersexist"),
                    ignored(
                            "imapferry copies only the messages its FETCH returns",
                            "--checkmessageexists",
                            "--nocheckmessageexists"),
                    ignored(
                            "imapferry keeps folder names as they are, apart from the separator",
                            "--sanitize",
                            "--nosanitize",
                            "--fixslash2",
                            "--nofixslash2",
                            "--fixInboxINBOX",
                            "--nofixInboxINBOX",
                            "--mixfolders",
                            "--nomixfolders",
                            "--fixcolonbug",
                            "--nofixcolonbug",
                            "--create_folder_old",
                            "--nocreate_folder_old"),
                    ignored(
                            "imapferry selects messages by date on INTERNALDATE itself",
                            "--abletosearch",
                            "--noabletosearch",
                            "--abletosearch1",
                            "--noabletosearch1",
                            "--abletosearch2",
                            "--noabletosearch2",
                            "--checknoabletosearch",
                            "--nochecknoabletosearch"),
                    ignored("imapferry logs in with the mechanism --authmech1/2 names", "--trylogin", "--notrylogin"),
                    ignored(
                            "imapferry reads messages with FETCH BODY.PEEK[] over its own pipeline",
                            "--fastio1",
                            "--nofastio1",
                            "--fastio2",
                            "--nofastio2",
                            "--uid1",
                            "--nouid1",
                            "--uid2",
                            "--nouid2"),
                    ignoredWithValue(
                            "imapferry sizes its FETCH batches and buffers itself",
                            "--split1",
                            "--split2",
                            "--buffersize",
                            "--fetch_hash_set"),
                    ignoredWithValue(
                            "imapferry replaces a lost session with a new one itself",
                            "--reconnectretry1",
                            "--reconnectretry2"),
                    ignored(
                            "imapferry does not probe port 993: see --ssl1/2 and --port1/2",
                            "--sslcheck",
                            "--nosslcheck"),
                    ignoredWithValue(
                            "imapferry uses the best TLS version both sides offer",
                            "--ssl1_ssl_version",
                            "--ssl2_ssl_version"),
                    ignoredWithValue("imapferry does not remap signals", "--sigexit", "--sigreconnect", "--sigignore"),
                    ignored(
                            "imapferry prints its own version with --version",
                            "--modulesversion",
                            "--nomodulesversion",
                            "--modules_version",
                            "--nomodules_version"),
                    ignored(
                            "imapferry writes no cache; --state FILE keeps the UID pairs",
                            "--cacheaftercopy",
                            "--nocacheaftercopy"),
                    ignored("imapferry's load is bounded by --connections", "--exitonload", "--noexitonload"),
                    ignored(
                            "imapferry shows progress bars on a terminal and plain lines elsewhere",
                            "--tail",
                            "--notail"),
                    ignored(
                            "imapferry sends no report by mail; --report FILE writes a JSON report",
                            "--emailreport1",
                            "--noemailreport1",
                            "--emailreport2",
                            "--noemailreport2"),
                    ignoredWithValue(
                            "imapferry sends no report by mail; --report FILE writes a JSON report",
                            "--emailreportfrom"),
                    ignored(
                            "imapferry does not read the Docker context",
                            "--dockercontext",
                            "--nodockercontext",
                            "--memorystress",
                            "--nomemorystress"),
                    ignoredWithValue("imapsync's CGI variables have no meaning here", "--var"),
                    ignored("imapferry leaves messages without a Message-ID as they are", "--noaddheader"),
                    ignored(
                            NEVER_ALTERS,
                            "--nodisarmreadreceipts",
                            "--noregexmess",
                            "--nopipemesscheck",
                            "--pipemesscheck"),
                    ignoredWithValue(NEVER_ALTERS, "--minmaxlinelength"),
                    ignored("imapferry never deletes a message because it looks like another", "--nodelete2duplicates"),
                    ignored("imapferry copies every message, same-key ones included", "--nosyncduplicates"),
                    ignored("imapferry never prints a password", "--noshowpasswords"),
                    ignored("--state FILE replaces the cache", "--nouseuid", "--nousecache"),
                    ignored("imapferry keeps host1's INTERNALDATE", "--noidatefromheader"),
                    ignored(
                            "imapferry identifies messages by whole header values", "--nomessageidnodomain",
                            "--wholeheaderifneeded", "--nowholeheaderifneeded"),
                    ignored("imapferry changes host1 only with --delete1 or --expunge1", "--nodry1"),
                    ignored(
                            "imapsync's own test suite is not run anyway",
                            "--notests",
                            "--notestsdebug",
                            "--notests_debug",
                            "--notestslive",
                            "--notestslive6"),
                    ignored(
                            "imapferry has no such listing mode, so there is nothing to turn off",
                            "--nojustautomap",
                            "--nojustfolderlists"),
                    ignored(
                            "size is not part of a message's identity unless --noskipsize",
                            "--allowsizemismatch",
                            "--noallowsizemismatch"),
                    ignoredWithValue(
                            "imapferry compares each folder with all of host2's messages in it; refused with "
                                    + "--delete2",
                            "--search2"))
            .flatMap(List::stream)
            .toList();

    private static List<Ignored> ignored(String reason, String... names) {
        return Stream.of(names).map(n -> new Ignored(n, false, reason)).toList();
    }

    private static List<Ignored> ignoredWithValue(String reason, String... names) {
        return Stream.of(names).map(n -> new Ignored(n, true, reason)).toList();
    }

    /** Every hidden option, refused ones first. */
    public static List<Hidden> all() {
        return Stream.<Hidden>concat(UNSUPPORTED.stream(), IGNORED.stream()).toList();
    }

    private final List<Hidden> used = new ArrayList<>();

    /** Adds the hidden options to a command. */
    public void register(CommandSpec spec) {
        for (Hidden h : all()) {
            spec.addOption(OptionSpec.builder(h.name())
                    .arity(h.takesValue() ? "1" : "0")
                    .type(h.takesValue() ? String.class : boolean.class)
                    .hidden(true)
                    .setter(recorder(h))
                    .build());
        }
    }

    private ISetter recorder(Hidden option) {
        return new ISetter() {
            @Override
            public <T> T set(T value) {
                // picocli also calls setters to apply initial values (null, false): those are not uses
                if (value != null && !Boolean.FALSE.equals(value) && !used.contains(option)) {
                    used.add(option);
                }
                return null;
            }
        };
    }

    /** Whether the command line used this hidden option. */
    public boolean used(String name) {
        return used.stream().anyMatch(h -> h.name().equals(name));
    }

    /** Fails when a refused option was used, naming it and saying why. */
    public void check() {
        StringBuilder message = new StringBuilder();
        for (Hidden h : used) {
            if (h instanceof Unsupported u) {
                if (message.length() > 0) {
                    message.append(System.lineSeparator());
                }
                message.append("imapsync's ")
                        .append(u.name())
                        .append(" is not supported by imapferry: ")
                        .append(u.reason())
                        .append('.');
            }
        }
        if (message.length() > 0) {
            throw UserError.usage(message.toString());
        }
    }

    /** One line per ignored option that was used, for the start of the run. */
    public List<String> notices() {
        return used.stream()
                .filter(h -> h instanceof Ignored)
                .map(h -> h.name() + ": accepted and ignored: " + h.reason())
                .toList();
    }
}
