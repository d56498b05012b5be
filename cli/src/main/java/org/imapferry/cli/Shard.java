package org.imapferry.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;

/**
 * A stable share of a batch's accounts: shard {@code index} of {@code count} takes the accounts
 * whose identity (host1 and user1, case-insensitive) hashes to {@code index} modulo {@code count}.
 * Hashing the identity rather than the line number keeps every account on its shard when lines are
 * added, removed or reordered; the shards partition the file.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw UserError.usage("shard " + index + "/" + count + " is not valid: INDEX must be from 0 to COUNT-1");
        }
    }

    /** "INDEX/COUNT", e.g. "0/4". */
    public static Shard parse(String spec) {
        String[] parts = spec == null ? new String[0] : spec.split("/", -1);
        if (parts.length != 2) {
            throw UserError.usage("--shard '" + spec + "' must be INDEX/COUNT, e.g. 0/4");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw UserError.usage("--shard '" + spec + "' must be INDEX/COUNT, e.g. 0/4");
        }
    }

    /** The shard of a Kubernetes Indexed Job's pod: JOB_COMPLETION_INDEX of {@code count}. */
    public static Shard fromEnvironment(Map<String, String> env, int count) {
        String index = env.get("JOB_COMPLETION_INDEX");
        if (index == null || index.isBlank()) {
            throw UserError.usage("--shard-count needs JOB_COMPLETION_INDEX in the environment (a Kubernetes "
                    + "Indexed Job sets it); otherwise use --shard INDEX/COUNT");
        }
        try {
            return new Shard(Integer.parseInt(index.trim()), count);
        } catch (NumberFormatException e) {
            throw UserError.usage("JOB_COMPLETION_INDEX '" + index + "' is not a number");
        }
    }

    public boolean owns(AccountsFile.Account account) {
        return count == 1 || bucket(account.host1(), account.user1(), count) == index;
    }

    static int bucket(String host1, String user1, int count) {
        String identity = host1.toLowerCase(Locale.ROOT) + "\u0000" + user1.toLowerCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            long h = ByteBuffer.wrap(digest).getLong() & Long.MAX_VALUE;
            return (int) (h % count);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
