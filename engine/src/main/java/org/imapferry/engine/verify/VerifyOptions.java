package org.imapferry.engine.verify;

import java.util.List;
import org.imapferry.protocol.types.Flag;

/**
 * Differences that are known and legitimate, and so not reported.
 *
 * @param ignoreDates        INTERNALDATE is not compared
 * @param ignoredFlags       flags and keywords left out of the comparison
 * @param skipLeadingHeaders header fields a server adds on delivery (Received, Return-Path,
 *                           Delivered-To, X-Original-To): the leading lines of these fields are
 *                           left out of the content digest, which starts at the first other line
 */
public record VerifyOptions(boolean ignoreDates, List<Flag> ignoredFlags, List<String> skipLeadingHeaders) {
    public VerifyOptions {
        ignoredFlags = List.copyOf(ignoredFlags);
        skipLeadingHeaders = List.copyOf(skipLeadingHeaders);
    }

    public VerifyOptions(boolean ignoreDates, List<Flag> ignoredFlags) {
        this(ignoreDates, ignoredFlags, List.of());
    }

    public static VerifyOptions strict() {
        return new VerifyOptions(false, List.of());
    }

    public VerifyOptions withSkipLeadingHeaders(List<String> headers) {
        return new VerifyOptions(ignoreDates, ignoredFlags, headers);
    }
}
