package org.imapferry.engine.verify;

import java.util.List;
import org.imapferry.protocol.types.Flag;

/**
 * Differences that are known and legitimate, and so not reported.
 *
 * @param ignoreDates  INTERNALDATE is not compared
 * @param ignoredFlags flags and keywords left out of the comparison
 */
public record VerifyOptions(boolean ignoreDates, List<Flag> ignoredFlags) {
    public static VerifyOptions strict() {
        return new VerifyOptions(false, List.of());
    }
}
