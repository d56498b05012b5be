package org.imapferry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.imapferry.engine.probe.Limit;
import org.imapferry.engine.probe.ProbeResult;
import org.imapferry.engine.probe.Recommendation;
import org.imapferry.engine.probe.SpeedCapabilities;
import org.imapferry.engine.probe.Throughput;

/**
 * The probe's figures as JSON ({@code probe --report FILE}), built field by field: no endpoint is
 * serialized, so no password or token can end up in it. The file names users, so it is created
 * owner-only (0600) and moved into place whole.
 */
final class ProbeReportWriter {
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    ObjectNode toJson(List<ProbeResult> results, Recommendation recommendation) {
        ObjectNode root = mapper.createObjectNode();
        root.put("tool", "imapferry probe");
        root.put("version", Main.version());
        root.put("megabyte", (long) Throughput.MEGABYTE);
        ArrayNode accounts = root.putArray("accounts");
        for (ProbeResult r : results) {
            accounts.add(account(r));
        }
        ObjectNode rec = root.putObject("recommendation");
        rec.put("connections", recommendation.connections());
        if (recommendation.maxBytesPerSecond() != null) {
            rec.put("maxBytesPerSecond", recommendation.maxBytesPerSecond());
        }
        if (recommendation.maxMessagesPerSecond() != null) {
            rec.put("maxMessagesPerSecond", recommendation.maxMessagesPerSecond());
        }
        if (recommendation.mailboxBytes() > 0) {
            rec.put("mailboxBytes", recommendation.mailboxBytes());
        }
        if (recommendation.expected() != null) {
            rec.put("expectedSeconds", recommendation.expected().toMillis() / 1000.0);
        }
        ArrayNode reasons = rec.putArray("reasons");
        recommendation.reasons().forEach(reasons::add);
        return root;
    }

    private ObjectNode account(ProbeResult r) {
        ObjectNode n = mapper.createObjectNode();
        n.put("account", r.account());
        n.put("greeting", r.greeting());
        n.put("stopped", r.stopped());
        ArrayNode caps = n.putArray("capabilities");
        for (SpeedCapabilities.Mark m : r.capabilities()) {
            caps.addObject().put("name", m.name()).put("offered", m.offered()).put("effect", m.effect());
        }
        n.put("connectMs", ms(r.times().connect()));
        if (r.times().tls() != null) {
            n.put("tlsMs", ms(r.times().tls()));
        }
        n.put("loginMs", ms(r.times().login()));
        if (r.roundTrip() != null) {
            n.putObject("noopRoundTrip")
                    .put("count", r.roundTrip().count())
                    .put("medianMs", ms(r.roundTrip().median()))
                    .put("p99Ms", ms(r.roundTrip().p99()));
        }
        if (r.folder() != null) {
            n.put("folder", r.folder());
            n.put("folderMessages", r.folderMessages());
        }
        n.set("reads", throughputs(r.reads()));
        n.set("writes", throughputs(r.writes()));
        if (!r.triedConnections().isEmpty()) {
            n.put("largestConnections", r.largestConnections());
            ArrayNode tried = n.putArray("triedConnections");
            r.triedConnections().forEach(tried::add);
        }
        ArrayNode limits = n.putArray("limits");
        for (Limit l : r.limits()) {
            limits.addObject()
                    .put("kind", l.getClass().getSimpleName())
                    .put("phase", l.phase().name())
                    .put("description", l.describe());
        }
        if (r.scratch() != null) {
            ObjectNode s = n.putObject("scratchFolder")
                    .put("name", r.scratch().folder())
                    .put("deleted", r.scratch().deleted());
            if (r.scratch().problem() != null) {
                s.put("problem", r.scratch().problem());
            }
        }
        ArrayNode notes = n.putArray("notes");
        r.notes().forEach(notes::add);
        return n;
    }

    private ArrayNode throughputs(List<Throughput> list) {
        ArrayNode a = mapper.createArrayNode();
        for (Throughput t : list) {
            a.addObject()
                    .put("phase", t.phase().name())
                    .put("connections", t.connections())
                    .put("messages", t.messages())
                    .put("bytes", t.bytes())
                    .put("seconds", t.seconds())
                    .put("megabytesPerSecond", t.megabytesPerSecond())
                    .put("messagesPerSecond", t.messagesPerSecond());
        }
        return a;
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }

    void write(Path file, List<ProbeResult> results, Recommendation recommendation) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(
                    parent,
                    ".probe-report",
                    ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                mapper.writeValue(partial.toFile(), toJson(results, recommendation));
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UserError(
                    ExitCode.CATCH_ALL, "cannot write --report " + file + ": " + PasswordSource.describe(e));
        }
    }
}
