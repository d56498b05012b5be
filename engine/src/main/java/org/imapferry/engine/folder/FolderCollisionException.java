package org.imapferry.engine.folder;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The plan maps two source folders onto one target folder: refused before anything is written,
 * because each folder's pass would count the other's messages as extra on the target.
 */
public final class FolderCollisionException extends RuntimeException {
    private final List<FolderCollisions.Collision> collisions;

    public FolderCollisionException(List<FolderCollisions.Collision> collisions) {
        super(
                "two source folders would be copied into one target folder: "
                        + collisions.stream().map(Object::toString).collect(Collectors.joining("; "))
                        + ". Each would take the other's messages for strangers (and --delete2 would delete them);"
                        + " nothing was written. Give one of them its own name with --f1f2 or --regextrans2, or"
                        + " leave it out with --exclude.",
                null,
                false,
                false);
        this.collisions = List.copyOf(collisions);
    }

    public List<FolderCollisions.Collision> collisions() {
        return collisions;
    }
}
