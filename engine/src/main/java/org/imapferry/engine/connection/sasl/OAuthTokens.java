package org.imapferry.engine.connection.sasl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.imapferry.protocol.types.Secret;

/** An OAuth access token kept in a file, as token helpers write them (imapsync's --oauthaccesstoken1 FILE). */
public final class OAuthTokens {
    private OAuthTokens() {}

    /**
     * The file's content without surrounding white space.
     *
     * @throws IllegalArgumentException naming the file when it is missing, unreadable, empty or
     *                                  holds more than one word (the token itself is never shown)
     */
    public static Secret read(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("OAuth token file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("OAuth token file " + file + " cannot be read: " + e);
        }
        if (content.isEmpty()) {
            throw new IllegalArgumentException("OAuth token file " + file + " is empty");
        }
        if (content.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "OAuth token file " + file + " holds more than one word; it must contain only the access token");
        }
        return Secret.of(content);
    }
}
