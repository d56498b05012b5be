package org.imapferry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.state.PrivateFiles;
import org.imapferry.engine.verify.VerifyReport;
import org.imapferry.engine.watch.WatchReport;

/**
 * The JSON report of a run ({@code --report FILE}). Built field by field from the report and the
 * options, never by serializing an Endpoint: no password or token can end up in it.
 */
public final class JsonReportWriter {
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param verification what --verify found, when it ran
     * @param code the exit code of the process, after the verification
     */
    public ObjectNode toJson(SyncOptions options, SyncReport r, Optional<VerifyReport> verification, ExitCode code) {
        return toJson(options, r, verification, Optional.empty(), code);
    }

    /** @param watch what --watch did after the first pass, when it ran */
    public ObjectNode toJson(
            SyncOptions options,
            SyncReport r,
            Optional<VerifyReport> verification,
            Optional<WatchReport> watch,
            ExitCode code) {
        ObjectNode root = mapper.createObjectNode();
        root.put("tool", "imapferry");
        root.put("version", Main.version());
        root.set("source", account(options.source()));
        root.set("target", account(options.target()));
        root.put("dry", options.modes().dry());
        root.put("mode", r.mode().name());
        root.put("started", r.started().toString());
        root.put("finished", r.finished().toString());
        root.put("seconds", r.elapsed().toMillis() / 1000.0);
        root.put("complete", r.complete());
        root.put("aborted", r.aborted());
        root.put("interrupted", r.stopped());
        root.put("exitCode", code.code());
        root.put("exitName", code.imapsyncName());
        root.put("verdict", StatisticsPrinter.verdict(r));
        ObjectNode totals = root.putObject("totals");
        totals.put("found", r.found());
        totals.put("copied", r.copied());
        totals.put("bytesCopied", r.bytesCopied());
        totals.put("skipped", r.skipped());
        totals.put("failed", r.failed());
        totals.put("flagsUpdated", r.flagsUpdated());
        totals.put("deletedOnTarget", r.deletedOnTarget());
        totals.put("deletedOnSource", r.deletedOnSource());
        totals.put("messagesWithoutMessageId", r.messagesWithoutMessageId());
        totals.put("connectionsUsed", r.connectionsUsed());
        totals.put("reconnectionsHost1", r.reconnections().host1());
        totals.put("reconnectionsHost2", r.reconnections().host2());
        root.set("sourceSize", size(r.sourceSize()));
        root.set("targetSizeBefore", size(r.targetSizeBefore()));
        root.set("targetSizeAfter", size(r.targetSizeAfter()));
        ArrayNode folders = root.putArray("folders");
        for (SyncReport.FolderReport f : r.folders()) {
            ObjectNode n = folders.addObject();
            n.put("source", f.source());
            n.put("target", f.target());
            n.put("found", f.found());
            n.put("bytesFound", f.bytesFound());
            n.put("copied", f.copied());
            n.put("bytesCopied", f.bytesCopied());
            n.put("skipped", f.skipped());
            n.put("flagsUpdated", f.flagsUpdated());
            n.put("deletedOnTarget", f.deletedOnTarget());
            n.put("deletedOnSource", f.deletedOnSource());
            n.put("failed", f.failed());
            n.put("created", f.created());
            n.put("seconds", f.took() == null ? 0 : f.took().toMillis() / 1000.0);
            ArrayNode notes = n.putArray("notes");
            f.notes().forEach(notes::add);
        }
        ArrayNode errors = root.putArray("errors");
        for (SyncReport.SyncError e : r.errors()) {
            ObjectNode n = errors.addObject();
            n.put("kind", e.kind().name());
            n.put("exitCode", ExitCode.ofKind(e.kind()).code());
            if (e.folder() != null) {
                n.put("folder", e.folder());
            }
            if (e.uid() != 0) {
                n.put("uid", e.uid());
            }
            n.put("message", e.message());
        }
        verification.ifPresent(v -> root.set("verification", verification(v)));
        watch.ifPresent(w -> root.set("watch", watch(w)));
        return root;
    }

    /** Lags in seconds, from a change's notice on host1 to its APPEND OK on host2. */
    private ObjectNode watch(WatchReport w) {
        ObjectNode n = mapper.createObjectNode();
        n.put("mechanism", w.mechanism());
        n.put("passes", w.passes());
        n.put("messagesRelayed", w.messagesRelayed());
        n.put("flagsUpdated", w.flagsUpdated());
        n.put("deletedOnTarget", w.deletedOnTarget());
        n.put("lagMedianSeconds", w.lagMedian().toMillis() / 1000.0);
        n.put("lagMaxSeconds", w.lagMax().toMillis() / 1000.0);
        n.put("lagSamples", w.lagSamples());
        if (w.lastRelayed() != null) {
            n.put("lastRelayed", w.lastRelayed().toString());
            n.put("lastFolder", w.lastFolder());
        }
        n.put("reconnectionsHost1", w.reconnections());
        n.put("inStep", !w.pendingAtEnd());
        return n;
    }

    private ObjectNode verification(VerifyReport v) {
        ObjectNode n = mapper.createObjectNode();
        n.put("verified", v.clean());
        n.put("foldersChecked", v.folders().size());
        n.put("identical", v.identical());
        n.put("differences", v.differences());
        ObjectNode kinds = n.putObject("differencesByKind");
        for (VerifyReport.Kind kind : VerifyReport.Kind.values()) {
            kinds.put(kind.name(), v.count(kind));
        }
        ArrayNode errors = n.putArray("errors");
        v.errors().forEach(errors::add);
        return n;
    }

    /** Writes the report to an owner-only file: it names both users and every folder. */
    public void write(
            Path file, SyncOptions options, SyncReport r, Optional<VerifyReport> verification, ExitCode code) {
        write(file, options, r, verification, Optional.empty(), code);
    }

    public void write(
            Path file,
            SyncOptions options,
            SyncReport r,
            Optional<VerifyReport> verification,
            Optional<WatchReport> watch,
            ExitCode code) {
        try (OutputStream out = PrivateFiles.newOutputStream(file)) {
            mapper.writeValue(out, toJson(options, r, verification, watch, code));
        } catch (IOException e) {
            throw new UserError(
                    ExitCode.CATCH_ALL, "cannot write --report " + file + ": " + PasswordSource.describe(e));
        }
    }

    private ObjectNode account(Endpoint e) {
        ObjectNode n = mapper.createObjectNode();
        n.put("host", e.host());
        n.put("port", e.port());
        n.put("security", e.security().name());
        n.put("user", e.user());
        if (e.authMechanism() != null) {
            n.put("authMechanism", e.authMechanism());
        }
        if (e.authUser() != null) {
            n.put("authUser", e.authUser());
        }
        n.put("verifyCertificates", e.verifyCertificates());
        return n;
    }

    private ObjectNode size(SyncReport.AccountSize s) {
        ObjectNode n = mapper.createObjectNode();
        n.put("messages", s.messages());
        n.put("bytes", s.bytes());
        n.put("folders", s.folders());
        return n;
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
