package org.imapferry.cli;

import picocli.CommandLine.Option;

/**
 * imapsync's options without a suffix that set the same thing on both accounts. They write into
 * the two accounts' options in command-line order, so a later {@code --timeout1} still wins over
 * an earlier {@code --timeout}, and the other way round.
 */
public final class BothAccountsOptions {
    private final EndpointOptions host1;
    private final EndpointOptions host2;

    BothAccountsOptions(EndpointOptions host1, EndpointOptions host2) {
        this.host1 = host1;
        this.host2 = host2;
    }

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "--timeout1 and --timeout2 at once.")
    void timeout(double seconds) {
        host1.timeoutSeconds = seconds;
        host2.timeoutSeconds = seconds;
    }

    @Option(names = "--debugimap", negatable = true, description = "--debugimap1 and --debugimap2 at once.")
    void debugImap(boolean v) {
        host1.debugImap = v;
        host2.debugImap = v;
    }

    @Option(names = "--authmd5", negatable = true, description = "--authmd51 and --authmd52 at once.")
    void authMd5(boolean v) {
        host1.authMd5 = v;
        host2.authMd5 = v;
    }
}
