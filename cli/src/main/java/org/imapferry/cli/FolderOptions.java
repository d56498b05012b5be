package org.imapferry.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.imapferry.engine.SyncOptions;
import picocli.CommandLine.Option;

/** Folder selection and naming on the target (imapsync's options). */
public final class FolderOptions {
    @Option(names = "--folder", paramLabel = "FOLDER", description = "Sync only this folder (repeatable).")
    List<String> folder = new ArrayList<>();

    @Option(
            names = "--folderrec",
            paramLabel = "FOLDER",
            description = "Sync this folder and all below it " + "(repeatable).")
    List<String> folderRec = new ArrayList<>();

    @Option(
            names = "--include",
            paramLabel = "REGEX",
            description = "Sync only folders matching the regex " + "(repeatable; applied before --exclude).")
    List<String> include = new ArrayList<>();

    @Option(
            names = "--exclude",
            paramLabel = "REGEX",
            description = "Skip folders matching the regex " + "(repeatable), for example \"Trash|Spam|Drafts\".")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--subscribed", description = "Only folders subscribed on host1.")
    boolean subscribed;

    @Option(
            names = "--regextrans2",
            paramLabel = "s/FROM/TO/",
            description = "Rename folders on host2 "
                    + "(Perl s/// syntax, repeatable, applied in order), for example 's/Sent/Sent Items/'.")
    List<String> regextrans2 = new ArrayList<>();

    @Option(
            names = {"--f1f2", "--f1f2h"},
            paramLabel = "FOLDER1=FOLDER2",
            description = "Name host1's " + "FOLDER1 FOLDER2 on host2 exactly (repeatable; wins over everything else).")
    List<String> f1f2 = new ArrayList<>();
    /** Null when not given, so that a preset's --automap can be turned off. */
    Boolean automap;

    @Option(
            names = "--sep1",
            paramLabel = "CHAR",
            description = "Hierarchy separator of host1 " + "(default: detected).")
    String sep1;

    @Option(names = "--sep2", paramLabel = "CHAR", description = "Hierarchy separator of host2.")
    String sep2;

    @Option(
            names = "--prefix1",
            paramLabel = "PREFIX",
            description = "Folder prefix of host1, such as " + "\"INBOX.\" (default: from NAMESPACE).")
    String prefix1;

    @Option(names = "--prefix2", paramLabel = "PREFIX", description = "Folder prefix of host2.")
    String prefix2;

    @Option(
            names = "--skipemptyfolders",
            negatable = true,
            description = "Do not create folders that are " + "empty on host1.")
    boolean skipEmptyFolders;

    /** imapsync's --noexclude: no --exclude applies, not even a preset's. */
    boolean noExclude;

    @Option(
            names = "--automap",
            negatable = true,
            description =
                    "Map special-use folders (Sent, Trash, Junk, " + "Drafts, Archive, All) to the target's own names.")
    void automap(boolean v) {
        automap = v;
    }

    @Option(names = "--noexclude", description = "Cancel every --exclude, a preset's included.")
    void noExclude(boolean v) {
        noExclude = v;
    }

    @Option(names = "--nof1f2", description = "Cancel the --f1f2 given before it.")
    void noF1f2(boolean v) {
        if (v) {
            f1f2.clear();
        }
    }

    public SyncOptions.Folders toFolders(ProviderPresets.Defaults preset) {
        List<Pattern> inc = new ArrayList<>();
        for (String r : include) {
            inc.add(UserError.checkRegex("--include", r));
        }
        List<Pattern> exc = new ArrayList<>();
        for (String r : exclude) {
            exc.add(UserError.checkRegex("--exclude", r));
        }
        for (String r : preset.exclude()) {
            exc.add(Pattern.compile(r));
        }
        if (noExclude) {
            exc.clear();
        }
        List<String> trans = new ArrayList<>(regextrans2);
        trans.addAll(preset.regextrans2());
        for (String rule : trans) {
            UserError.checkSubstitution("--regextrans2", rule);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : f1f2) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw UserError.usage("--f1f2 '" + pair + "' must be of the form FOLDER1=FOLDER2");
            }
            String from = pair.substring(0, eq);
            if (map.put(from, pair.substring(eq + 1)) != null) {
                throw UserError.usage("--f1f2 names folder '" + from + "' twice");
            }
        }
        return new SyncOptions.Folders(
                List.copyOf(folder),
                List.copyOf(folderRec),
                List.copyOf(inc),
                List.copyOf(exc),
                subscribed,
                List.copyOf(trans),
                Map.copyOf(map),
                automap != null ? automap : preset.automap(),
                separator("--sep1", sep1),
                separator("--sep2", sep2),
                prefix1,
                prefix2,
                skipEmptyFolders);
    }

    private static Character separator(String option, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() != 1) {
            throw UserError.usage(option + " '" + value + "' must be one character, e.g. / or .");
        }
        return value.charAt(0);
    }
}
