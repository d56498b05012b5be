package org.imapferry.engine.probe;

import java.util.ArrayList;
import java.util.List;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.ImapConnector;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.command.ImapCommands;

/**
 * How many connections the server takes at once: 1, 2, 4, ... up to the maximum, each count
 * opened together, logged in and answering a NOOP, then closed. The first count that fails ends
 * the climb; the count before it is the largest that worked.
 */
final class ConnectionLadder {
    /** The counts tried, the largest that worked (0 if none), and the refusal that ended it, if any. */
    record Climb(List<Integer> tried, int largest, Limit.ConnectionRefused refused) {}

    private ConnectionLadder() {}

    static List<Integer> steps(int max) {
        List<Integer> steps = new ArrayList<>();
        for (int k = 1; k < max; k *= 2) {
            steps.add(k);
        }
        steps.add(max);
        return steps;
    }

    static Climb climb(ImapConnector connector, Endpoint endpoint, int max, ProbeStop stop) {
        List<Integer> tried = new ArrayList<>();
        int largest = 0;
        for (int k : steps(max)) {
            if (stop.requested()) {
                break;
            }
            tried.add(k);
            try (ProbeSessions opened = new ProbeSessions(connector, endpoint, k, ProbePhase.CONNECTIONS)) {
                Limit.ConnectionRefused refused = opened.refused();
                if (refused == null) {
                    refused = answering(opened.sessions());
                }
                if (refused != null) {
                    return new Climb(tried, largest, refused);
                }
                largest = k;
            }
        }
        return new Climb(tried, largest, null);
    }

    /** A server may accept a connection and drop it right after the login: each must answer. */
    private static Limit.ConnectionRefused answering(List<ImapSession> sessions) {
        for (int i = 0; i < sessions.size(); i++) {
            try {
                sessions.get(i).run(ImapCommands.noop());
            } catch (RuntimeException e) {
                return new Limit.ConnectionRefused(ProbePhase.CONNECTIONS, sessions.size(), e.getMessage());
            }
        }
        return null;
    }
}
