package org.imapferry.engine.transfer;

import java.time.Duration;

/**
 * Nothing moved between source and target for a whole timeout while a relay waited on one
 * server: a source that stopped in the middle of a literal, a target that stopped answering.
 * The waited-on connection fails with this, so the error names the server and the wait.
 */
final class TransferStalledException extends RuntimeException {
    TransferStalledException(String server, Duration timeout) {
        super(server + " sent nothing for " + describe(timeout) + " in the middle of a transfer");
    }

    /** "120 s", or "700 ms" when the timeout is not a whole number of seconds, as the sessions say it. */
    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
