package org.imapferry.protocol;

import io.netty.channel.CombinedChannelDuplexHandler;
import org.imapferry.protocol.types.Capabilities;

/**
 * The client side of IMAP in one handler: {@link ImapResponseDecoder} for what the server sends,
 * {@link ImapCommandEncoder} for what the client writes, as Netty's {@code HttpClientCodec}.
 *
 * <pre>
 * pipeline.addLast("tls", sslContext.newHandler(ch.alloc(), host, 993));
 * pipeline.addLast("imap", new ImapClientCodec(ImapDecoderLimits.DEFAULT));
 * pipeline.addLast("commands", new CommandPipeline(...));
 *
 * // after CAPABILITY, and after the server confirmed ENABLE UTF8=ACCEPT:
 * codec.setLiteralCapabilities(capabilities);
 * codec.setUtf8Accepted(true);
 * </pre>
 *
 * The setters change how the encoder writes string arguments from the next command on; call
 * them on the channel's event loop.
 */
public final class ImapClientCodec extends CombinedChannelDuplexHandler<ImapResponseDecoder, ImapCommandEncoder> {
    public ImapClientCodec() {
        this(ImapDecoderLimits.DEFAULT);
    }

    public ImapClientCodec(ImapDecoderLimits limits) {
        super(new ImapResponseDecoder(limits), new ImapCommandEncoder());
    }

    /** @see ImapCommandEncoder#isUtf8Accepted() */
    public boolean isUtf8Accepted() {
        return outboundHandler().isUtf8Accepted();
    }

    /** @see ImapCommandEncoder#setUtf8Accepted(boolean) */
    public void setUtf8Accepted(boolean utf8Accepted) {
        outboundHandler().setUtf8Accepted(utf8Accepted);
    }

    /** @see ImapCommandEncoder#literalCapabilities() */
    public Capabilities literalCapabilities() {
        return outboundHandler().literalCapabilities();
    }

    /** @see ImapCommandEncoder#setLiteralCapabilities(Capabilities) */
    public void setLiteralCapabilities(Capabilities capabilities) {
        outboundHandler().setLiteralCapabilities(capabilities);
    }

    /** @see ImapCommandEncoder#literalRefused() */
    public void literalRefused() {
        outboundHandler().literalRefused();
    }
}
