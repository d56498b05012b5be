package org.imapferry.engine.verify;

import java.util.List;

/** The outcome of comparing the two accounts folder by folder. */
public record VerifyReport(List<FolderResult> folders, List<String> errors) {

    /** One difference, with what an admin needs to find the message. */
    public record Difference(Kind kind, long sourceUid, long targetUid, String subject, String detail) {}

    public enum Kind {
        MISSING_ON_TARGET,
        EXTRA_ON_TARGET,
        CONTENT_DIFFERS,
        FLAGS_DIFFER,
        DATE_DIFFERS
    }

    public record FolderResult(
            String source,
            String target,
            long sourceMessages,
            long targetMessages,
            long identical,
            List<Difference> differences) {
        public long count(Kind kind) {
            return differences.stream().filter(d -> d.kind() == kind).count();
        }
    }

    public long identical() {
        return folders.stream().mapToLong(FolderResult::identical).sum();
    }

    public long count(Kind kind) {
        return folders.stream().mapToLong(f -> f.count(kind)).sum();
    }

    public long differences() {
        return folders.stream().mapToLong(f -> f.differences().size()).sum();
    }

    /** Nothing differs and nothing failed: the copy is proven. */
    public boolean clean() {
        return errors.isEmpty() && differences() == 0;
    }
}
