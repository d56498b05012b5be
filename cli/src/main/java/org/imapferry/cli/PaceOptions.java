package org.imapferry.cli;

import org.imapferry.engine.SyncOptions;
import picocli.CommandLine.Option;

/** Rate limits (the engine enforces them, with backoff on [THROTTLED]). */
public final class PaceOptions {
    @Option(
            names = "--maxbytespersecond",
            paramLabel = "BYTES",
            description = "Average bytes per second " + "at most (default unlimited).")
    Long maxBytesPerSecond;

    @Option(
            names = "--maxmessagespersecond",
            paramLabel = "N",
            description = "Average messages per second " + "at most (default unlimited).")
    Double maxMessagesPerSecond;

    public SyncOptions.Pace toPace(ProviderPresets.Defaults preset) {
        Long bytes = maxBytesPerSecond != null ? maxBytesPerSecond : preset.maxBytesPerSecond();
        Double messages = maxMessagesPerSecond != null ? maxMessagesPerSecond : preset.maxMessagesPerSecond();
        if (bytes != null && bytes < 0) {
            throw UserError.usage("--maxbytespersecond must not be negative");
        }
        if (messages != null && (messages < 0 || messages.isNaN())) {
            throw UserError.usage("--maxmessagespersecond must not be negative");
        }
        return new SyncOptions.Pace(bytes == null ? 0 : bytes, messages == null ? 0 : messages);
    }
}
