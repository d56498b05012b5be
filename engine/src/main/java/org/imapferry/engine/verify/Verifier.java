package org.imapferry.engine.verify;

import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.connection.ImapConnector;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.Transport;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.engine.folder.FolderPlanner;

/**
 * Proves a migration: every selected source folder is compared with its target folder, message
 * by message, by content digest, flags and date. Read-only on both sides.
 *
 * <pre>
 * VerifyReport report = new Verifier(options, VerifyOptions.strict()).run();
 * </pre>
 */
public final class Verifier {
    private final SyncOptions options;
    private final VerifyOptions verifyOptions;

    public Verifier(SyncOptions options, VerifyOptions verifyOptions) {
        this.options = options;
        this.verifyOptions = verifyOptions;
    }

    public VerifyReport run() {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1);
        List<VerifyReport.FolderResult> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try {
            ImapConnector connector = new ImapConnector(group, transport);
            try (ImapSession source = connector.connect(options.source());
                 ImapSession target = connector.connect(options.target())) {
                FolderPlanner planner = new FolderPlanner(options.folders());
                FolderPlanner.Listing sourceListing = FolderPlanner.list(source, options.folders().prefix1(),
                        options.folders().sep1());
                FolderPlanner.Listing targetListing = FolderPlanner.list(target, options.folders().prefix2(),
                        options.folders().sep2());
                FolderVerifier verifier = new FolderVerifier(options.messages().useHeaders(), verifyOptions);
                for (FolderPair pair : planner.plan(sourceListing, targetListing)) {
                    try {
                        results.add(verifier.verify(source, target, pair));
                    } catch (RuntimeException e) {
                        errors.add(pair.source().name() + ": " + e.getMessage());
                    }
                }
            } catch (RuntimeException e) {
                errors.add(e.getMessage());
            }
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        return new VerifyReport(results, errors);
    }
}
