package org.imapferry.protocol;

/**
 * Bounds that keep a hostile or broken server from growing the client's memory.
 *
 * <table>
 *   <caption>limits</caption>
 *   <tr><th>limit</th><th>default</th><th>past it</th></tr>
 *   <tr><td>maxLineLength</td><td>64 KiB</td><td>fatal framing error</td></tr>
 *   <tr><td>maxChunkSize</td><td>64 KiB</td><td>a streamed literal is cut into more chunks</td></tr>
 *   <tr><td>maxInlineLiteral</td><td>1 MiB</td><td>a header section is streamed like a body;
 *       any other literal is a fatal framing error</td></tr>
 *   <tr><td>maxResponseSize</td><td>4 MiB</td><td>fatal framing error (lines and inline literals
 *       of one response)</td></tr>
 * </table>
 */
public record ImapDecoderLimits(int maxLineLength, int maxChunkSize, int maxInlineLiteral, int maxResponseSize) {
    public static final ImapDecoderLimits DEFAULT =
            new ImapDecoderLimits(64 * 1024, 64 * 1024, 1024 * 1024, 4 * 1024 * 1024);

    public ImapDecoderLimits {
        if (maxLineLength < 64 || maxChunkSize < 1 || maxInlineLiteral < 0 || maxResponseSize < maxLineLength) {
            throw new IllegalArgumentException("limits too small: " + maxLineLength + "/" + maxChunkSize + "/"
                    + maxInlineLiteral + "/" + maxResponseSize);
        }
    }
}
