package org.imapferry.engine.connection;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.connection.sasl.BearerToken;
import org.imapferry.engine.connection.sasl.SaslException;
import org.imapferry.engine.connection.sasl.SaslMechanism;
import org.imapferry.engine.connection.sasl.SaslMechanisms;
import org.imapferry.protocol.command.Authenticate;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.SaslResponse;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.ResponseCode;
import org.imapferry.protocol.types.Secret;

/**
 * Logs a session in: LOGIN, or AUTHENTICATE with the SASL mechanism chosen from the server's
 * capabilities (RFC 3501 §6.2.2), with the initial response in the command when SASL-IR is offered
 * (RFC 4959). A refusal becomes an {@link AuthenticationFailedException} naming user and host;
 * one for a limit or a busy server, a {@link ConnectionFailedException}.
 */
final class Authenticator {
    private Authenticator() {}

    static void authenticate(ImapSession s, Endpoint endpoint) {
        Optional<SaslMechanism> sasl;
        try {
            sasl = SaslMechanisms.choose(s.capabilities(), endpoint);
        } catch (SaslException e) {
            // Nothing was sent: the server does not offer what the user asked for, or a credential is missing.
            throw new AuthenticationFailedException(
                    "cannot log in as " + endpoint.describe() + ": " + e.getMessage(), e);
        }
        try {
            TaggedResponse ok = sasl.isPresent() ? authenticate(s, sasl.get()) : login(s, endpoint);
            if (ok.code() instanceof ResponseCode.CapabilityCode c) {
                s.capabilities(c.capabilities());
            } else {
                s.capabilities(Capabilities.NONE);
            }
        } catch (ImapCommandException e) {
            if (turnedAway(e.code())) {
                throw new ConnectionFailedException(
                        endpoint.describe() + " would not take this session now,"
                                + " which says nothing of the credentials: " + e.getMessage(),
                        e);
            }
            throw new AuthenticationFailedException(
                    "authentication of " + endpoint.describe() + " failed"
                            + sasl.map(m -> " (" + m.name() + ")").orElse(" (LOGIN)") + ": " + e.serverText()
                            + sasl.flatMap(Authenticator::serverError)
                                    .map(json -> " (server error: " + json + ")")
                                    .orElse(""),
                    e);
        }
    }

    /**
     * RFC 5530 §3: [LIMIT] (a provider's cap on connections), [UNAVAILABLE] and [THROTTLED] at
     * login refuse the session, not the user: retrying later, or with fewer connections, works.
     */
    private static boolean turnedAway(ResponseCode code) {
        return code instanceof ResponseCode.Limit
                || code instanceof ResponseCode.Unavailable
                || code instanceof ResponseCode.Throttled;
    }

    /** The JSON error an OAuth server sends as its last challenge (why the token was refused). */
    private static Optional<String> serverError(SaslMechanism mechanism) {
        return mechanism instanceof BearerToken bearer ? bearer.serverError() : Optional.empty();
    }

    private static TaggedResponse login(ImapSession s, Endpoint endpoint) {
        if (s.has(Capability.LOGINDISABLED)) {
            throw new AuthenticationFailedException(
                    endpoint.describe() + " does not allow LOGIN here"
                            + " (LOGINDISABLED); use TLS (--ssl or --tls) or name a SASL mechanism with --authmech",
                    null);
        }
        Secret password = endpoint.password() == null ? Secret.of("") : endpoint.password();
        return s.run(ImapCommands.login(endpoint.user(), password)).completion();
    }

    private static TaggedResponse authenticate(ImapSession s, SaslMechanism mechanism) {
        // With SASL-IR the first response rides in the command (RFC 4959 §3); otherwise the
        // mechanism gives it as the answer to the server's first, empty challenge.
        Secret initial = s.has(Capability.SASL_IR) ? mechanism.initialResponse() : null;
        Authenticate command = ImapCommands.authenticate(mechanism.name(), initial);
        CompletableFuture<TaggedResponse> done = new CompletableFuture<>();
        s.eventLoop().execute(() -> {
            CommandPipeline.Pending pending = s.pipeline().begin(command, ResponseHandler.NONE);
            pending.completion().whenComplete((ok, error) -> {
                // A challenge waiter left over once the exchange is done must not take a later "+".
                s.pipeline().cancelContinuations();
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(ok);
                }
            });
            if (!pending.completion().isDone()) {
                answerChallenges(s, mechanism);
                s.channel().writeAndFlush(new TaggedCommand(pending.tag(), command));
            }
        });
        return s.await(done, "AUTHENTICATE " + mechanism.name());
    }

    /** Each "+" is a challenge, answered by the mechanism; the server's tagged answer ends it. */
    private static void answerChallenges(ImapSession s, SaslMechanism mechanism) {
        s.pipeline().onContinuation(challenge -> {
            String text = challenge.text() == null ? "" : challenge.text().strip();
            Secret answer;
            try {
                answer = mechanism.respond(text);
            } catch (RuntimeException e) {
                // RFC 3501 §6.2.2: "*" cancels the exchange; the server then answers BAD.
                answer = Secret.of("*");
            }
            answerChallenges(s, mechanism);
            s.channel().writeAndFlush(new SaslResponse(answer));
        });
    }
}
