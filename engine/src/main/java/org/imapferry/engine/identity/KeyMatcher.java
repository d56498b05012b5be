package org.imapferry.engine.identity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Matches source messages to target messages by key, as multisets: two source messages with one
 * key and one target message with that key pair one and leave one to copy. Nothing is dropped
 * because it looks like another message.
 */
public final class KeyMatcher {
    private KeyMatcher() {}

    /** The outcome: pairs, source messages with no partner, target messages with no partner. */
    public record Match<S, T>(List<Map.Entry<S, T>> pairs, List<S> sourceOnly, List<T> targetOnly) {}

    public static <S, T> Match<S, T> match(
            List<S> source, Function<S, MessageKey> sourceKey, List<T> target, Function<T, MessageKey> targetKey) {
        Map<MessageKey, Deque<T>> byKey = new HashMap<>();
        for (T t : target) {
            byKey.computeIfAbsent(targetKey.apply(t), k -> new ArrayDeque<>()).add(t);
        }
        List<Map.Entry<S, T>> pairs = new ArrayList<>();
        List<S> sourceOnly = new ArrayList<>();
        for (S s : source) {
            Deque<T> candidates = byKey.get(sourceKey.apply(s));
            T partner = candidates == null ? null : candidates.poll();
            if (partner == null) {
                sourceOnly.add(s);
            } else {
                pairs.add(Map.entry(s, partner));
            }
        }
        List<T> targetOnly = new ArrayList<>();
        byKey.values().forEach(targetOnly::addAll);
        return new Match<>(pairs, sourceOnly, targetOnly);
    }
}
