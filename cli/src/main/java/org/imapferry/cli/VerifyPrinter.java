package org.imapferry.cli;

import java.util.Locale;
import org.imapferry.engine.verify.VerifyReport;

/** The result of a verification as text: each folder, each difference, and the verdict. */
final class VerifyPrinter {
    /** Differences listed per folder before the rest are only counted. */
    static final int LISTED_PER_FOLDER = 50;

    String print(VerifyReport report) {
        StringBuilder out = new StringBuilder();
        out.append("++++ Verification\n");
        for (VerifyReport.FolderResult f : report.folders()) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-40s -> %-30s %6d / %6d msgs, %6d identical%s%n",
                    f.source(),
                    f.target(),
                    f.sourceMessages(),
                    f.targetMessages(),
                    f.identical(),
                    f.differences().isEmpty() ? "" : ", " + f.differences().size() + " difference(s)"));
            int listed = 0;
            for (VerifyReport.Difference d : f.differences()) {
                if (listed++ == LISTED_PER_FOLDER) {
                    out.append("    ... and ")
                            .append(f.differences().size() - LISTED_PER_FOLDER)
                            .append(" more\n");
                    break;
                }
                out.append(String.format(
                        Locale.ROOT,
                        "    %-17s host1 UID %-6s host2 UID %-6s %s (%s)%n",
                        d.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        d.sourceUid() == 0 ? "-" : String.valueOf(d.sourceUid()),
                        d.targetUid() == 0 ? "-" : String.valueOf(d.targetUid()),
                        "\"" + d.subject() + "\"",
                        d.detail()));
            }
        }
        for (String error : report.errors()) {
            out.append("Error: ").append(error).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%-40s: %d%n", "Messages identical", report.identical()));
        for (VerifyReport.Kind kind : VerifyReport.Kind.values()) {
            String label = kind.name().charAt(0)
                    + kind.name().substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
            out.append(String.format(Locale.ROOT, "%-40s: %d%n", label, report.count(kind)));
        }
        out.append(
                report.clean()
                        ? "The copy is verified: every message is on both sides, byte for byte, with its flags"
                                + " and date.\n"
                        : "The copy is NOT verified: " + report.differences() + " difference(s)"
                                + (report.errors().isEmpty()
                                        ? ""
                                        : " and " + report.errors().size() + " error(s)")
                                + " listed above.\n");
        return out.toString();
    }
}
