package org.imapferry.engine.connection;

/**
 * Receives the untagged data a command in flight asked for. The pipeline offers each untagged
 * event to the commands in flight, oldest first; the first that takes it owns it (and must release
 * it if it is a {@link io.netty.util.ReferenceCounted} chunk). Called on the connection's event loop.
 */
public interface ResponseHandler {
    /** @return true if the event was taken */
    boolean offer(Object event);

    /** Nothing: for commands whose untagged data (if any) goes to the session. */
    ResponseHandler NONE = event -> false;
}
