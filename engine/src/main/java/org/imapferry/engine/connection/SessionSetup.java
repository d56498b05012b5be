package org.imapferry.engine.connection;

import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.compression.ZlibWrapper;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.types.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session does once logged in: ENABLE the extensions the engine uses (RFC 5161), say who
 * it is with ID (RFC 2971; some providers ask for it), compress with COMPRESS=DEFLATE
 * (RFC 4978) where both sides allow it, and acknowledge at once on a server without LITERAL+
 * ({@link QuickAck}).
 */
final class SessionSetup {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSetup.class);

    private SessionSetup() {}

    static void afterLogin(ImapSession s, Endpoint endpoint, ChannelOption<Boolean> quickAck) {
        if (s.capabilities().names().isEmpty()) {
            ImapConnector.refreshCapabilities(s);
        }
        if (!s.has(Capability.LITERAL_PLUS) && QuickAck.install(s.channel(), quickAck)) {
            LOG.debug("{}: no LITERAL+, every APPEND waits for \"+\": acknowledging at once", s.name());
        }
        if (s.has(Capability.ENABLE) && s.has(Capability.CONDSTORE)) {
            s.run(ImapCommands.enable("CONDSTORE"));
        }
        if (s.has(Capability.ID)) {
            Map<String, String> id = new LinkedHashMap<>();
            id.put("name", "imapferry");
            id.put("version", version());
            try {
                s.run(ImapCommands.id(id));
            } catch (ImapCommandException e) {
                LOG.debug("{}: ID refused: {}", s.name(), e.getMessage());
            }
        }
        if (s.has(Capability.COMPRESS_DEFLATE) && wantsCompression(endpoint)) {
            s.run(ImapCommands.compressDeflate());
            CompletableFuture<Void> installed = new CompletableFuture<>();
            s.eventLoop().execute(() -> {
                // RFC 4978 §4: raw DEFLATE, starting right after the tagged OK.
                ChannelPipeline p = s.channel().pipeline();
                String before = p.get("trace") != null ? "trace" : "codec";
                p.addBefore(before, "inflate", ZlibCodecFactory.newZlibDecoder(ZlibWrapper.NONE, 0));
                p.addBefore(before, "deflate", ZlibCodecFactory.newZlibEncoder(ZlibWrapper.NONE));
                installed.complete(null);
            });
            s.await(installed, "COMPRESS");
        }
    }

    private static boolean wantsCompression(Endpoint endpoint) {
        if (endpoint.compress() != null) {
            return endpoint.compress();
        }
        try {
            return !InetAddress.getByName(endpoint.host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static String version() {
        String v = SessionSetup.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
