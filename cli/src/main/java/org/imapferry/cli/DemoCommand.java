package org.imapferry.cli;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.verify.Verifier;
import org.imapferry.engine.verify.VerifyOptions;
import org.imapferry.engine.verify.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imapferry demo}: two embedded IMAP servers (GreenMail) on free loopback ports, a
 * realistic account on the first, a migration to the second through the very same command and
 * options a user would type, then the proof that both sides hold the same messages.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Migrates a demo account between two embedded IMAP servers, then verifies the copy.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--attachment-mib", defaultValue = "5", description = "Size of the demo's big attachment (MiB).")
    int attachmentMiB;

    @Option(names = "--no-progress", description = "Plain progress lines instead of progress bars.")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        GreenMail source = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        GreenMail target = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        source.start();
        target.start();
        try {
            GreenMailUser alice = source.setUser("alice@demo.example", "alice", "alice-secret");
            target.setUser("alice@new.example", "alice.new", "new-secret");
            String filled = new DemoAccount().fill(source.getManagers().getImapHostManager(), alice, attachmentMiB);
            out.println("Source: 127.0.0.1:" + source.getImap().getPort() + ", account alice: " + filled);
            out.println("Target: 127.0.0.1:" + target.getImap().getPort() + ", account alice.new: empty");
            String[] args = {
                "--host1",
                "127.0.0.1",
                "--port1",
                String.valueOf(source.getImap().getPort()),
                "--user1",
                "alice",
                "--password1",
                "alice-secret",
                "--nossl1",
                "--notls1",
                "--host2",
                "127.0.0.1",
                "--port2",
                String.valueOf(target.getImap().getPort()),
                "--user2",
                "alice.new",
                "--password2",
                "new-secret",
                "--nossl2",
                "--notls2",
                "--nolog",
                "--no-state"
            };
            out.println("Running: imapferry "
                    + String.join(" ", args).replaceAll("--password([12]) \\S+", "--password$1 MASKED"));
            out.println();
            out.flush();
            ImapferryCommand command = ImapferryCommand.parse(args);
            SyncOptions options = command.toSyncOptions(PasswordSource.system());
            int code = command.execute(
                    options, out, spec.commandLine().getErr(), null, !noProgress && System.console() != null);
            out.println();
            out.println("Verifying: every message of every folder fetched from both servers and compared by"
                    + " SHA-256, flags and date...");
            out.flush();
            VerifyReport proof = new Verifier(options, VerifyOptions.strict()).run();
            out.print(new VerifyPrinter().print(proof));
            out.flush();
            return code != 0 ? code : proof.clean() ? 0 : ExitCode.VERIFY_DIFFERENCES.code();
        } finally {
            source.stop();
            target.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
