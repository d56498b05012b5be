package org.imapferry.engine.state;

/** The state file could not be read or written; the message names the file or folder. */
public class StateException extends RuntimeException {
    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
