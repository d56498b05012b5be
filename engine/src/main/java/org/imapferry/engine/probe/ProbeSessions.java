package org.imapferry.engine.probe;

import java.util.ArrayList;
import java.util.List;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.ImapConnector;
import org.imapferry.engine.connection.ImapSession;

/**
 * The sessions of one parallel phase: as many as the server lets open, up to the count asked
 * for; the first refusal is a limit found, not a failure of the probe.
 */
final class ProbeSessions implements AutoCloseable {
    private final List<ImapSession> sessions = new ArrayList<>();
    private Limit.ConnectionRefused refused;

    ProbeSessions(ImapConnector connector, Endpoint endpoint, int count, ProbePhase phase) {
        for (int i = 0; i < count; i++) {
            try {
                sessions.add(connector.connect(endpoint));
            } catch (RuntimeException e) {
                refused = new Limit.ConnectionRefused(phase, i + 1, e.getMessage());
                return;
            }
        }
    }

    List<ImapSession> sessions() {
        return sessions;
    }

    /** The refusal met while opening them, or null. */
    Limit.ConnectionRefused refused() {
        return refused;
    }

    @Override
    public void close() {
        sessions.forEach(ImapSession::close);
    }
}
