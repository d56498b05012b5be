package org.imapferry.engine.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.engine.identity.KeyMatcher;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.response.ExistsData;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.MailboxName;

/**
 * Compares one folder pair. Messages are paired by content first (equal SHA-256, as multisets),
 * then what is left by identity key: a pair found that way has differing content. Paired messages
 * are then compared for flags and INTERNALDATE. Both folders are only EXAMINEd and read with
 * BODY.PEEK, so verification changes nothing, not even {@code \Seen}.
 */
public final class FolderVerifier {
    private final List<String> identityHeaders;
    private final VerifyOptions options;

    public FolderVerifier(List<String> identityHeaders, VerifyOptions options) {
        this.identityHeaders = identityHeaders;
        this.options = options;
    }

    /** @param reader runs the target side's read while this thread reads the source */
    public VerifyReport.FolderResult verify(ImapSession source, ImapSession target, FolderPair pair, Executor reader) {
        // Both sides are read at once; each digest runs on its connection's own event loop.
        CompletableFuture<List<Fingerprint>> targetSide = pair.targetExists()
                ? CompletableFuture.supplyAsync(() -> fingerprints(target, pair.target()), reader)
                // A target folder the copy never created holds nothing: everything is missing.
                : CompletableFuture.completedFuture(List.of());
        List<Fingerprint> src = fingerprints(source, pair.source().name());
        List<Fingerprint> dst = target.await(targetSide, "verification of " + pair.target());
        List<VerifyReport.Difference> differences = new ArrayList<>();
        KeyMatcher.Match<Fingerprint, Fingerprint> byContent =
                KeyMatcher.match(src, Fingerprint::contentKey, dst, Fingerprint::contentKey);
        long identical = 0;
        for (Map.Entry<Fingerprint, Fingerprint> p : byContent.pairs()) {
            int before = differences.size();
            compareAttributes(p.getKey(), p.getValue(), differences);
            if (differences.size() == before) {
                identical++;
            }
        }
        KeyMatcher.Match<Fingerprint, Fingerprint> byKey =
                KeyMatcher.match(byContent.sourceOnly(), Fingerprint::key, byContent.targetOnly(), Fingerprint::key);
        for (Map.Entry<Fingerprint, Fingerprint> p : byKey.pairs()) {
            differences.add(new VerifyReport.Difference(
                    VerifyReport.Kind.CONTENT_DIFFERS,
                    p.getKey().uid(),
                    p.getValue().uid(),
                    subject(p.getKey()),
                    p.getKey().size() + " bytes on the source, " + p.getValue().size() + " on the target"));
        }
        for (Fingerprint f : byKey.sourceOnly()) {
            differences.add(new VerifyReport.Difference(
                    VerifyReport.Kind.MISSING_ON_TARGET, f.uid(), 0, subject(f), f.size() + " bytes"));
        }
        for (Fingerprint f : byKey.targetOnly()) {
            differences.add(new VerifyReport.Difference(
                    VerifyReport.Kind.EXTRA_ON_TARGET, 0, f.uid(), subject(f), f.size() + " bytes"));
        }
        return new VerifyReport.FolderResult(
                pair.source().name().name(), pair.target().name(), src.size(), dst.size(), identical, differences);
    }

    private List<Fingerprint> fingerprints(ImapSession session, MailboxName name) {
        long exists = 0;
        for (ExistsData e : session.run(ImapCommands.examine(name)).all(ExistsData.class)) {
            exists = e.count();
        }
        return DigestingFetch.run(session, exists, identityHeaders, options.skipLeadingHeaders());
    }

    private void compareAttributes(Fingerprint s, Fingerprint t, List<VerifyReport.Difference> out) {
        Set<String> sf = comparable(s.flags());
        Set<String> tf = comparable(t.flags());
        if (!sf.equals(tf)) {
            out.add(new VerifyReport.Difference(
                    VerifyReport.Kind.FLAGS_DIFFER, s.uid(), t.uid(), subject(s), "source " + sf + ", target " + tf));
        }
        if (!options.ignoreDates()
                && s.internalDate() != null
                && t.internalDate() != null
                && !s.internalDate()
                        .value()
                        .toInstant()
                        .equals(t.internalDate().value().toInstant())) {
            out.add(new VerifyReport.Difference(
                    VerifyReport.Kind.DATE_DIFFERS,
                    s.uid(),
                    t.uid(),
                    subject(s),
                    "source " + s.internalDate() + ", target " + t.internalDate()));
        }
    }

    private Set<String> comparable(Set<Flag> flags) {
        Set<String> out = new TreeSet<>();
        for (Flag f : flags) {
            if (options.ignoredFlags().stream().noneMatch(i -> i.equals(f))) {
                out.add(f.value().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static String subject(Fingerprint f) {
        String s = f.subject() == null ? "" : f.subject();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
